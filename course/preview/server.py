"""The preview LMS: a course page, a player around scorm-again, attempt pages, and commits.

Standard library only (http.server, sqlite3) plus jinja2 for the pages. It binds to
127.0.0.1: it is a learning designer's tool on their own machine, not a server for others.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from course.preview.packages import PreviewPackage, Sco, answer_texts
from course.preview.store import Attempt, Store
from course.preview.tracking import OBJECTIVE_COLUMNS, duration_text, interaction_rows, table
from course.problems import AuthoringError, Problem
from course.report import HTML_POLICY as REPORT_POLICY

HERE = Path(__file__).parent
STATIC = {name: HERE / "static" / name for name in ("player.js", "preview.css", "reload.js")}
# After pushing the module packages, the whole-course ones are built this much later: both
# would otherwise share Python's one running thread with the players relaunching.
PLAYERS_FIRST_SECONDS = 0.2
# An open page's event stream gets a comment this often, so a closed tab is noticed.
KEEPALIVE_SECONDS = 15
SCORM_AGAIN_URL = "/scorm-again.min.js"
LEARNER_COOKIE = "preview_learner"
DEFAULT_LEARNER = "learner"
MAX_NAME = 60
MAX_COMMIT_BYTES = 4_000_000
# The preview's own pages: scripts, styles and frames from this server only, nothing inline.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@cache
def templates() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # learner names and tracked data come from outside
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["duration"] = duration_text
    return environment


class Preview:
    """What the pages show: the current build, the store, and whether files are watched."""

    def __init__(
        self,
        store: Store,
        scorm_again: Path,
        build: Callable[
            [Mapping[str, PreviewPackage]], Iterable[tuple[dict[str, PreviewPackage], bool]]
        ],
        watching: bool,
        report: Callable[[], str],
    ) -> None:
        self.store = store
        self.scorm_again = scorm_again
        self._build = build
        self.report = report
        """The HTML report (``course report --format html``) of the files as they are now."""
        self.watching = watching
        self.packages: dict[str, PreviewPackage] = {}
        self.build_number = 0
        self.complete = True
        """Whether the build being served is whole (not only its module packages yet)."""
        self.built_at = ""
        self.problems: list[Problem] = []
        self._lock = threading.Lock()
        self._built = threading.Condition()
        self._closing = False
        self._changes: dict[int, set[str]] = {}
        """Per build number: the packages it rebuilt."""

    def rebuild(self) -> None:
        """Build again; on problems keep serving the last good build and show the problems.

        Each step of the build is served as soon as it is ready (see ``build_packages``)."""
        with self._lock:
            players_may_be_open = self.build_number > 0  # not before the first build is served
            try:
                for packages, complete in self._build(self.packages):
                    self._publish(packages, [], complete)
                    if not complete and players_may_be_open:
                        time.sleep(PLAYERS_FIRST_SECONDS)  # they fetch what was just pushed
            except AuthoringError as error:
                self._publish(self.packages, error.problems, True)

    def _publish(
        self, packages: dict[str, PreviewPackage], problems: list[Problem], complete: bool
    ) -> None:
        # A package the build did not touch is the same object as before.
        changed = {name for name, found in packages.items() if self.packages.get(name) is not found}
        with self._built:
            self.packages = packages
            self.problems = problems
            self.build_number += 1
            self.complete = complete
            self._changes[self.build_number] = changed
            self.built_at = datetime.now().strftime("%H:%M:%S")
            self._built.notify_all()

    def news_since(self, seen: int) -> dict[str, Any]:
        """The build being served, as one consistent event for a page that saw build ``seen``:
        its number, problems, whether it is complete, and the packages rebuilt since ``seen``
        (None when that is not known: a page from before a restart)."""
        with self._built:
            current = self.build_number
            builds = range(seen + 1, current + 1)
            known = seen < current and all(number in self._changes for number in builds)
            return {
                "build": current,
                "problems": [str(problem) for problem in self.problems],
                "changed": sorted(set().union(*(self._changes[n] for n in builds)))
                if known
                else None,
                "complete": self.complete,
            }

    def next_build(self, after: int, timeout: float) -> int | None:
        """The build number once it differs from ``after`` (or ``after`` when ``timeout``
        passed first); None when the server is stopping."""
        with self._built:
            self._built.wait_for(lambda: self._closing or self.build_number != after, timeout)
            return None if self._closing else self.build_number

    def close(self) -> None:
        """End every waiting event stream, so the server can stop."""
        with self._built:
            self._closing = True
            self._built.notify_all()


@dataclass(frozen=True)
class ScoProgress:
    """Where one learner stands in one SCO of a package."""

    sco: Sco
    latest: Attempt | None
    completed: bool
    open: bool


def course_progress(package: PreviewPackage, attempts: list[Attempt]) -> list[ScoProgress]:
    """Each SCO of ``package`` with the learner's latest attempt and whether it may start.

    A SCO counts as completed once any attempt at it was (a completed module stays a passed
    gate, as its global objective does in an LMS, also after a new attempt at it).
    """
    latest: dict[str, Attempt] = {}
    completed: set[str] = set()
    for attempt in attempts:  # the latest attempt of each first
        latest.setdefault(attempt.package, attempt)
        if package.standard.is_completed(attempt.state):
            completed.add(attempt.package)
    done = {sco.id for sco in package.scos if package.tracking_key(sco) in completed}
    return [
        ScoProgress(
            sco,
            latest.get(package.tracking_key(sco)),
            sco.id in done,
            sco.is_open(done),
        )
        for sco in package.scos
    ]


class PreviewServer(http.server.ThreadingHTTPServer):
    # Wait for requests in flight when stopping, so a commit being written is not cut off.
    daemon_threads = False

    def __init__(self, port: int, preview: Preview) -> None:
        self.preview = preview
        super().__init__(("127.0.0.1", port), PreviewHandler)

    def server_close(self) -> None:
        self.preview.close()  # event streams would otherwise keep their threads, and us, waiting
        super().server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a tab or reloads drops its connection: not worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


Route = tuple[str, re.Pattern[str], str]
ROUTES: list[Route] = [
    ("GET", re.compile(r"/"), "course_page"),
    ("POST", re.compile(r"/learner"), "choose_learner"),
    ("GET", re.compile(r"/play/(?P<package>[^/]+)"), "player_page"),
    ("GET", re.compile(r"/launch/(?P<package>[^/]+)"), "launch_data"),
    ("GET", re.compile(r"/attempts/(?P<attempt_id>\d+)"), "attempt_page"),
    ("GET", re.compile(r"/attempts/(?P<attempt_id>\d+)/sessions"), "sessions_finished"),
    ("POST", re.compile(r"/attempts/(?P<attempt_id>\d+)/commit"), "commit"),
    ("POST", re.compile(r"/attempts/(?P<attempt_id>\d+)/reset"), "reset"),
    ("GET", re.compile(r"/events"), "build_events"),
    ("GET", re.compile(r"/report"), "report_page"),
    ("GET", re.compile(r"/packages/(?P<package>[^/]+)/(?P<path>.+)"), "package_file"),
    ("GET", re.compile(r"/static/(?P<name>[^/]+)"), "static_file"),
    ("GET", re.compile(re.escape(SCORM_AGAIN_URL)), "scorm_again"),
]


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    query: dict[str, list[str]]

    @property
    def preview(self) -> Preview:
        return self.server.preview

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for build results, not one line per request

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        if not self._from_this_machine(method):
            self._send_text(403, "Refused: the preview answers only its own pages on this machine")
            return
        url = urlsplit(self.path)
        self.query = parse_qs(url.query)
        for route_method, pattern, handler in ROUTES:
            match = pattern.fullmatch(url.path)
            if match and route_method == method:
                getattr(self, handler)(**match.groupdict())
                return
        self._send_text(404, "Not found")

    # --- pages ----------------------------------------------------------------------------
    def course_page(self) -> None:
        learner = self._learner()
        learner_id = self.preview.store.learner_id(learner)
        attempts = self.preview.store.attempts(learner_id)
        progress = {
            name: course_progress(package, attempts)
            for name, package in self.preview.packages.items()
        }
        self._send_page("course.html.j2", learner=learner, progress=progress, attempts=attempts)

    def player_page(self, package: str) -> None:
        found, sco = self._playable(package)
        if found is None or sco is None:
            return
        attempt, launch = self._launch(found, sco)
        resumed = launch["data"][found.standard.entry] == "resume"
        learner_id = self.preview.store.learner_id(self._learner())
        self._send_page(
            "player.html.j2",
            package=found,
            sco=sco,
            attempt=attempt,
            launch=launch,
            resumed=resumed,
            progress=course_progress(found, self.preview.store.attempts(learner_id)),
        )

    def launch_data(self, package: str) -> None:
        """What the player needs to start the SCO again (after a rebuild), as JSON."""
        found, sco = self._playable(package)
        if found and sco:
            self._send_json(200, self._launch(found, sco)[1])

    def _playable(self, name: str) -> tuple[PreviewPackage | None, Sco | None]:
        """The package and the SCO asked for (``?sco=``), if the sequencing lets it start;
        else the answer is sent. Without ``?sco=``: the first open SCO not yet completed."""
        package = self.preview.packages.get(name)
        if package is None:
            self._send_text(404, f"No package {name!r} in this build")
            return None, None
        learner_id = self.preview.store.learner_id(self._learner())
        progress = course_progress(package, self.preview.store.attempts(learner_id))
        wanted = self.query.get("sco", [""])[0]
        if not wanted:
            startable = [p for p in progress if p.open and not p.completed] or progress[:1]
            return package, startable[0].sco
        found = next((p for p in progress if p.sco.id == wanted), None)
        if found is None:
            self._send_text(404, f"No item {wanted!r} in {name}")
            return None, None
        if not found.open:
            waiting_for = ", ".join(p.sco.title for p in progress if p.sco.id in found.sco.requires)
            self._send_page(
                "locked.html.j2", 409, package=package, sco=found.sco, waiting_for=waiting_for
            )
            return None, None
        return package, found.sco

    def _launch(self, package: PreviewPackage, sco: Sco) -> tuple[Attempt, dict[str, Any]]:
        """The learner's attempt to continue (a new one after an ended one) and its launch."""
        learner = self._learner()
        store = self.preview.store
        learner_id = store.learner_id(learner)
        key = package.tracking_key(sco)
        attempt = store.current_attempt(learner_id, key)
        if package.standard.has_ended(attempt.state, attempt.sessions_finished):
            attempt = store.new_attempt(learner_id, key)
        data = package.standard.launch_data(
            f"learner-{learner_id}", learner, sco.pass_mark, attempt.state
        )
        return attempt, {
            "version": package.standard.version,
            "package": package.name,
            "sco": f"/packages/{quote(package.name)}/{quote(sco.launch)}",
            "launchUrl": f"/launch/{quote(package.name)}?sco={quote(sco.id)}",
            "commitUrl": f"/attempts/{attempt.id}/commit",
            "sessionsUrl": f"/attempts/{attempt.id}/sessions",
            "sessionsFinished": attempt.sessions_finished,
            "leaveTo": f"/attempts/{attempt.id}",
            "buildNumber": self.preview.build_number if self.preview.watching else None,
            "data": data,
        }

    def attempt_page(self, attempt_id: str) -> None:
        attempt = self.preview.store.attempt(int(attempt_id))
        if attempt is None:
            self._send_text(404, "No such attempt")
            return
        name, _, sco_id = attempt.package.partition("/")
        package = self.preview.packages.get(name)
        # A module no longer in the rebuilt package: its data is still shown, beside the first.
        sco = (package.sco(sco_id) or package.scos[0]) if package else None
        attempts = self.preview.store.attempts(attempt.learner_id)
        answers = answer_texts(package, sco) if package and sco else None
        self._send_page(
            "attempt.html.j2",
            attempt=attempt,
            package=package,
            sco=sco,
            progress=course_progress(package, attempts) if package else [],
            learner=self._learner(),
            interactions=interaction_rows(attempt.state, answers),
            objectives=table(attempt.state, "cmi.objectives", OBJECTIVE_COLUMNS),
        )

    # --- actions --------------------------------------------------------------------------
    def report_page(self) -> None:
        """The report with its case pictures, made from the files as they are now."""
        try:
            page = self.preview.report()
        except AuthoringError as error:
            problems = "\n".join(str(problem) for problem in error.problems)
            self._send_text(200, f"The report needs course.yaml to load:\n{problems}\n")
            return
        self._send(200, "text/html; charset=utf-8", page.encode("utf-8"), REPORT_POLICY)

    def choose_learner(self) -> None:
        form = parse_qs(self._body().decode("utf-8", "replace"))
        name = " ".join(form.get("learner", [""])[0].split())[:MAX_NAME] or DEFAULT_LEARNER
        self.send_response(303)
        self.send_header("Location", "/")
        self.send_header(
            "Set-Cookie", f"{LEARNER_COOKIE}={quote(name)}; Path=/; SameSite=Strict; HttpOnly"
        )
        self.end_headers()

    def commit(self, attempt_id: str) -> None:
        terminate = self.query.get("terminate") == ["true"]
        try:
            stored = self.preview.store.record_commit(
                int(attempt_id), self._body().decode("utf-8"), terminate
            )
        except (ValueError, UnicodeDecodeError) as error:
            self._send_json(400, {"result": "false", "errorCode": 101, "error": str(error)})
            return
        if not stored:
            self._send_json(404, {"result": "false", "errorCode": 101})
            return
        self._send_json(200, {"result": "true", "errorCode": 0})

    def reset(self, attempt_id: str) -> None:
        attempt = self.preview.store.attempt(int(attempt_id))
        if attempt is None:
            self._send_text(404, "No such attempt")
            return
        fresh = self.preview.store.new_attempt(attempt.learner_id, attempt.package)
        self.send_response(303)
        self.send_header("Location", f"/attempts/{fresh.id}")
        self.end_headers()

    def sessions_finished(self, attempt_id: str) -> None:
        attempt = self.preview.store.attempt(int(attempt_id))
        if attempt is None:
            self._send_text(404, "No such attempt")
            return
        self._send_json(200, {"sessionsFinished": attempt.sessions_finished})

    def build_events(self) -> None:
        """Server-Sent Events: each build after the page's own (``?build=N``) is pushed as a
        ``build`` event with its problems, so an open page reloads or shows them at once."""
        # A reconnecting EventSource says which event it saw last (each event's id is its build).
        shown = self.headers.get("Last-Event-ID") or self.query.get("build", [""])[0]
        seen = int(shown) if shown.isdigit() else -1
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        while True:
            current = self.preview.next_build(seen, KEEPALIVE_SECONDS)
            if current is None:
                return
            if current == seen:
                self.wfile.write(b": still here\n\n")
                continue
            event = self.preview.news_since(seen)
            seen = event["build"]
            message = f"id: {seen}\nevent: build\ndata: {json.dumps(event)}\n\n"
            self.wfile.write(message.encode())

    # --- files ----------------------------------------------------------------------------
    def package_file(self, package: str, path: str) -> None:
        found = self.preview.packages.get(unquote(package))
        content = found.files.get(unquote(path)) if found else None
        if content is None:  # only names in the package's zip exist; '../x' never does
            self._send_text(404, "Not found")
            return
        self._send(200, _content_type(path), content)

    def static_file(self, name: str) -> None:
        if name not in STATIC:
            self._send_text(404, "Not found")
            return
        self._send(200, _content_type(name), STATIC[name].read_bytes())

    def scorm_again(self) -> None:
        self._send(200, "text/javascript", self.preview.scorm_again.read_bytes())

    # --- helpers --------------------------------------------------------------------------
    def _from_this_machine(self, method: str) -> bool:
        """A request names this server as its host (a web page whose name was made to point at
        127.0.0.1 does not), and a POST comes from the preview's own pages (not another site
        in the same browser)."""
        port = self.server.server_port
        own = {f"127.0.0.1:{port}", f"localhost:{port}"}
        if self.headers.get("Host") not in own:
            return False
        origin = self.headers.get("Origin")
        return method != "POST" or origin is None or origin in {f"http://{h}" for h in own}

    def _learner(self) -> str:
        try:
            cookie = SimpleCookie(self.headers.get("Cookie", ""))
        except CookieError:
            return DEFAULT_LEARNER
        morsel = cookie.get(LEARNER_COOKIE)
        return unquote(morsel.value)[:MAX_NAME] if morsel and morsel.value else DEFAULT_LEARNER

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, MAX_COMMIT_BYTES))

    def _send_page(self, template: str, status: int = 200, **context: Any) -> None:
        html = templates().get_template(template).render(preview=self.preview, **context)
        self._send(status, "text/html; charset=utf-8", html.encode("utf-8"), PAGE_POLICY)

    def _send_json(self, status: int, value: dict[str, Any]) -> None:
        self._send(status, "application/json", json.dumps(value).encode("utf-8"))

    def _send_text(self, status: int, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode("utf-8"))

    def _send(self, status: int, content_type: str, body: bytes, policy: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # every rebuild changes the packages
        self.end_headers()
        self.wfile.write(body)


def _content_type(name: str) -> str:
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"
