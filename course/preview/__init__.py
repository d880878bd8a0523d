"""``course preview``: build, then try the packages in a local LMS around scorm-again.

``server`` holds the HTTP side and the pages, ``store`` the SQLite attempts, ``packages`` the
build and the file watcher, ``tracking`` what differs between SCORM 1.2 and 2004.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import click

from course.preview.packages import Watcher, build_packages
from course.preview.server import Preview, PreviewServer
from course.preview.store import Store
from course.problems import AuthoringError

SCORM_AGAIN = Path("node_modules") / "scorm-again" / "dist" / "scorm-again.min.js"


def run_preview(
    root: Path,
    out: Path,
    database: Path,
    port: int,
    watch: bool,
    report: Callable[[], str],
) -> None:
    """Serve until Ctrl-C. Raises AuthoringError when the first build fails. ``report`` makes
    the HTML report of the files as they are, for the preview's report page."""
    scorm_again = SCORM_AGAIN.resolve()
    if not scorm_again.is_file():
        raise click.ClickException(
            f"{SCORM_AGAIN} is missing: the preview uses scorm-again from npm as its SCORM API. "
            "Run `npm ci` in the project folder first (or `make preview`)."
        )
    preview = Preview(
        Store(database),
        scorm_again,
        lambda previous: build_packages(root, out, previous),
        watch,
        report,
    )
    preview.rebuild()
    if preview.problems:
        raise AuthoringError(preview.problems)
    click.echo(f"Built {len(preview.packages)} package(s) into {out}.")
    watcher = Watcher(root, lambda: _rebuild_and_report(preview)) if watch else None
    try:
        server = PreviewServer(port, preview)
    except OSError as error:
        raise click.ClickException(
            f"cannot listen on 127.0.0.1:{port} ({error.strerror}); choose another --port"
        ) from None
    _stop_on_signals(server)
    try:
        if watcher:
            watcher.start()
            click.echo(f"Watching {root} for changes.")
        click.echo(f"Preview: http://127.0.0.1:{server.server_port}/  (Ctrl-C stops it)")
        server.serve_forever()
    finally:
        server.server_close()  # waits for requests in flight, commits included
        if watcher:
            watcher.stop()
    click.echo(f"Stopped. Every commit is saved in {database}.")


def _stop_on_signals(server: PreviewServer) -> None:
    """Ctrl-C and SIGTERM ask the server to stop after its current loop.

    A KeyboardInterrupt could land while the server hands a connection to its thread and
    leave that thread half-started; a handler that only asks for shutdown cannot.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        # shutdown() waits for serve_forever to return, so it must not run in the serving thread
        threading.Thread(target=server.shutdown, name="preview-stop").start()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)


def _rebuild_and_report(preview: Preview) -> None:
    started = time.perf_counter()
    try:
        preview.rebuild()
    except OSError as error:  # a file an editor was swapping; keep watching
        click.echo(f"Rebuild stopped ({error}); the next save tries again.", err=True)
        return
    seconds = time.perf_counter() - started
    if preview.problems:
        click.echo("\n".join(str(problem) for problem in preview.problems), err=True)
        click.echo("Rebuild failed; still serving the previous build.", err=True)
    else:
        click.echo(f"Rebuilt in {seconds:.2f} s ({preview.built_at}); open pages reload.")
