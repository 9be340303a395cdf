"""The sandbox HTTP server: routing, authentication, permissions and injected faults."""

import hmac
import json
import logging
import socket
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .endpoints import GET_ROUTES, Context, permission_denied
from .faults import FaultSet
from .paging import PAGE_SIZE
from .problems import ApiProblem
from .query import Query
from .store import DataStore
from .tokens import DEFAULT_TOKEN_TTL, TokenIssuer

logger = logging.getLogger(__name__)

# Error types for injected status faults; hr works documents none for 429 and 502 to 504.
FAULT_ERROR_TYPES = {
    400: "InvalidParameterError",
    401: "InvalidBearerTokenError",
    403: "PermissionDeniedError",
    404: "InvalidEndpointError",
    429: "TooManyRequestsError",
    500: "InternalServerError",
}
# Keeps memory bounded when the sandbox runs for a long time.
REQUEST_LOG_SIZE = 10_000


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: str
    status: int | None  # None when the connection was dropped


class _Handler(BaseHTTPRequestHandler):
    server_version = "hrworks-sandbox"
    protocol_version = "HTTP/1.1"
    sandbox: "SandboxServer"  # set on the subclass made per server

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def log_message(self, format, *args):
        logger.debug(format, *args)

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path.rstrip("/") or "/"
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self._request = (method, path, parts.query)
        self._respond(method, path, parts.query, body)

    def _record(self, status: int | None) -> None:
        """Log the request before responding, so tests find it once the client has the response."""
        method, path, query = self._request
        self.sandbox.request_log.append(RequestRecord(method, path, query, status))
        logger.info("%s %s -> %s", method, path, status if status else "dropped")

    def _respond(self, method: str, path: str, raw_query: str, body: bytes) -> int | None:
        sandbox = self.sandbox
        flags = set()
        for fault in sandbox.faults.firing(path):
            if fault.kind in ("slow", "timeout"):
                sandbox.stopping.wait(fault.delay_seconds)
            elif fault.kind == "drop":
                self._drop()
                return None
            elif fault.status is not None:
                return self._send_problem(_fault_problem(fault, path))
            else:
                flags.add(fault.kind)
        try:
            payload, headers = self._dispatch(method, path, raw_query, body, flags)
        except ApiProblem as problem:
            return self._send_problem(problem)
        if "malformed" in flags:
            return self._send(200, b'{"truncated": [', headers)
        data = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        return self._send(200, data, headers)

    def _dispatch(self, method, path, raw_query, body, flags):
        sandbox = self.sandbox
        if path == "/v2/authentication":
            if method != "POST":
                raise _invalid_endpoint(method, path)
            return sandbox.authenticate(body), {}
        if path not in GET_ROUTES:
            raise _invalid_endpoint(method, path)
        if method != "GET":
            raise _invalid_endpoint(method, path)
        area, handler = GET_ROUTES[path]
        access_key = sandbox.tokens.verify(
            self.headers.get("Authorization"), sandbox.faults.token_use_limit()
        )
        with sandbox.store.lock:
            pair = sandbox.store.credentials(access_key)
            if pair is None:
                raise ApiProblem(
                    401, "InvalidBearerTokenError", "The key pair of this token was deleted."
                )
            if area is not None and area not in pair["permissions"]:
                raise permission_denied(area)
            ctx = Context(
                store=sandbox.store,
                query=Query(raw_query),
                path=path,
                raw_query=raw_query,
                base_url=self._base_url(),
                page_size=sandbox.page_size,
                items_per_page=sandbox.items_per_page,
                split_key="split-key" in flags,
                repeat_page="repeat-page" in flags,
            )
            reply = handler(ctx)
        return reply.body, reply.headers

    def _base_url(self) -> str:
        host = self.headers.get("Host")
        return f"http://{host}" if host else self.sandbox.base_url

    def _send_problem(self, problem: ApiProblem) -> int:
        data = json.dumps(problem.body()).encode()
        return self._send(problem.status, data, problem.headers)

    def _send(self, status: int, data: bytes, headers: dict) -> int:
        self._record(status)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up first, for example after its timeout.
            self.close_connection = True
        return status

    def _drop(self) -> None:
        self._record(None)
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _invalid_endpoint(method: str, path: str) -> ApiProblem:
    return ApiProblem(404, "InvalidEndpointError", f"The endpoint {method} {path} does not exist.")


def _fault_problem(fault, path: str) -> ApiProblem:
    status = fault.status
    error_type = FAULT_ERROR_TYPES.get(status, "InternalServerError" if status >= 500 else "Error")
    if status == 403 and path == "/v2/authentication":
        error_type = "InvalidCredentialsError"
    headers = {}
    retry_after = fault.retry_after or ("1" if status == 429 else None)
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return ApiProblem(status, error_type, f"Injected fault {fault.spec}.", headers)


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


class SandboxServer:
    """A local hr works API v2 server running in a background thread.

    ``port=0`` picks a free port. ``faults`` are spec strings; more can be added while it
    runs with ``add_fault``. ``page_size`` is 50 like hr works; tests may lower it.
    ``items_per_page``, when set, also limits the absences or sick leaves per page, so that
    one person's items can span several pages.
    """

    def __init__(
        self,
        data: dict | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        faults=(),
        token_ttl: int = DEFAULT_TOKEN_TTL,
        page_size: int = PAGE_SIZE,
        items_per_page: int | None = None,
    ):
        self.store = DataStore(data if data is not None else {})
        self.faults = FaultSet(faults)
        self.tokens = TokenIssuer(token_ttl)
        self.page_size = page_size
        self.items_per_page = items_per_page
        self.request_log: deque[RequestRecord] = deque(maxlen=REQUEST_LOG_SIZE)
        self.stopping = threading.Event()
        handler = type("Handler", (_Handler,), {"sandbox": self})
        server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
        self._httpd = server_class((host, port), handler)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return self._httpd.server_address[0]

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def access_key(self) -> str:
        """Access key of the first key pair in the data set."""
        return self.store.data["credentials"][0]["accessKey"]

    @property
    def secret_key(self) -> str:
        return self.store.data["credentials"][0]["secretAccessKey"]

    def add_fault(self, spec: str):
        return self.faults.add(spec)

    def clear_faults(self) -> None:
        self.faults.clear()

    def requests_to(self, path: str) -> list[RequestRecord]:
        return [record for record in self.request_log if record.path == path]

    def authenticate(self, body: bytes) -> dict:
        """Return ``{"token": ...}`` for a valid key pair, else raise ApiProblem."""
        try:
            credentials = json.loads(body or b"null")
        except ValueError:
            raise ApiProblem(400, "InvalidPayloadError", "The body is not valid JSON.") from None
        if not isinstance(credentials, dict):
            raise ApiProblem(400, "InvalidPayloadError", "The body must be a JSON object.")
        access_key = credentials.get("accessKey")
        secret = credentials.get("secretAccessKey")
        if not isinstance(access_key, str) or not isinstance(secret, str):
            raise ApiProblem(
                400, "MissingParameterError", "The body needs accessKey and secretAccessKey."
            )
        pair = self.store.credentials(access_key)
        if pair is None or not hmac.compare_digest(
            pair["secretAccessKey"].encode(), secret.encode()
        ):
            raise ApiProblem(
                403,
                "InvalidCredentialsError",
                "The credentials provided with the request were invalid.",
            )
        return {"token": self.tokens.issue(access_key)}

    def start(self) -> "SandboxServer":
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="hrworks-sandbox",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted."""
        self._httpd.serve_forever()

    def stop(self) -> None:
        self.stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> "SandboxServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
