"""Deterministic zip files: sorted entries, fixed timestamps and permissions."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

# The earliest time a zip can hold; used when SOURCE_DATE_EPOCH is not set.
ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z


def source_date_epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return max(int(value), ZIP_EPOCH) if value.isdigit() else ZIP_EPOCH


def package_name(module_id: str, target_name: str) -> str:
    return f"{module_id}-{target_name}.zip"


def write_zip(path: Path, files: dict[str, bytes], epoch: int) -> None:
    stamp = time.gmtime(epoch)[:6]
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
