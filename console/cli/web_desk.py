"""The browser desk's web server: textual-serve, bounded and self-contained.

What plain textual-serve does not do, and a hall's LAN needs:

- the page asks no outside host: the terminal's font (Noto Sans Mono, every
  Vietnamese letter) is served from data/fonts by this server (data/web/app_index.html);
- each tab is its own desk: `/?desk=ban-3` (or the name asked after the PIN) is
  passed to that tab's app process and written on every line it journals;
- an unauthenticated visitor costs little: at most `max_apps` app processes
  (each ~40 MB, started per websocket before any PIN); past it the page says the
  desk is full and no process starts; a websocket from a foreign Origin (another
  site's page driving this one) is refused;
- the tab's client address goes to its app process (HOINGHI_CLIENT), so wrong PINs
  are counted per client (console.door.desk_pin).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from urllib.parse import urlsplit

DESK_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,23}$")
DEFAULT_MAX_APPS = 8
FONT_FILE = "NotoSansMono-Regular.ttf"


def desk_name(text: str | None) -> str | None:
    """A desk name from a URL: lower-case letters, digits and dashes, up to 24; else None."""
    text = (text or "").strip().lower()
    return text if DESK_NAME.match(text) else None


def same_origin(origin: str | None, public_url: str, host_header: str | None) -> bool:
    """A websocket opened by this server's own page (or by no page at all: a script's
    client sends no Origin and is bounded by the process cap like any other)."""
    if not origin:
        return True
    o = urlsplit(origin)
    allowed = {urlsplit(public_url).netloc}
    if host_header:
        allowed.add(host_header)
    return o.scheme in ("http", "https") and o.netloc in allowed


def build_desk_server(command_for, *, host: str, port: int, public_url: str, title: str,
                      max_apps: int = DEFAULT_MAX_APPS):
    """`command_for(desk)`: the shell command of one tab's app process."""
    import aiohttp_jinja2
    from aiohttp import web

    server_mod = importlib.import_module("textual_serve.server")
    app_service_mod = importlib.import_module("textual_serve.app_service")
    from data import DATA_DIR, FONTS_DIR

    class ClientAppService(app_service_mod.AppService):
        def __init__(self, *args, client: str, **kw):
            super().__init__(*args, **kw)
            self.client = client

        def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
            env = super()._build_environment(width=width, height=height)
            env["HOINGHI_CLIENT"] = self.client
            return env

    class DeskServer(server_mod.Server):
        def __init__(self):
            super().__init__(command_for(None), host=host, port=port, title=title, public_url=public_url,
                             templates_path=DATA_DIR / "web")
            self.max_apps = max_apps
            self.apps = 0  # app processes running now

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.router.add_get("/ws/{desk}", self.handle_websocket, name="desk_websocket")
            app.router.add_static("/hoinghi-fonts", FONTS_DIR, name="hoinghi_fonts")
            return app

        def _full_page(self) -> web.Response:
            return web.Response(status=503, content_type="text/html", charset="utf-8", text=(
                "<!doctype html><meta charset=utf-8><title>Bàn đón tiếp đã đủ</title>"
                "<body style='font-family:sans-serif;background:#0c181f;color:#eee;padding:3em'>"
                f"<h1>Đã đủ {self.max_apps} bàn đón tiếp qua trình duyệt</h1>"
                "<p>Hãy đóng một tab bàn đón tiếp không dùng nữa rồi tải lại trang này, hoặc nhờ người quản trị "
                "tăng <code>[desk] max_browser_desks</code> trong event.toml.</p>"))

        async def handle_index(self, request: web.Request):
            if self.apps >= self.max_apps:
                return self._full_page()
            desk = desk_name(request.query.get("desk"))
            context = {
                "font_size": server_mod.to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": self._ws_url(request, desk),
                "font_url": f"{self.public_url}/hoinghi-fonts/{FONT_FILE}",
                "config": {"static": {"url": f"{self.public_url}{request.app.router['static'].url_for(filename='/')}"
                                      .rstrip("/") + "/"}},
                "application": {"name": self.title + (f" · {desk}" if desk else "")},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        def _ws_url(self, request, desk: str | None) -> str:
            router = request.app.router
            path = router["desk_websocket"].url_for(desk=desk) if desk else router["websocket"].url_for()
            url = f"{self.public_url}{path}"
            return ("wss:" if self.public_url.startswith("https") else "ws:") + url.split(":", 1)[1]

        async def handle_websocket(self, request: web.Request):
            if not same_origin(request.headers.get("Origin"), self.public_url, request.headers.get("Host")):
                return web.Response(status=403, text="Origin không được phép.")
            if self.apps >= self.max_apps:
                return self._full_page()
            desk = desk_name(request.match_info.get("desk"))
            width = server_mod.to_int(request.query.get("width", "80"), 80)
            height = server_mod.to_int(request.query.get("height", "24"), 24)
            websocket = web.WebSocketResponse(heartbeat=15)
            service = None
            self.apps += 1
            try:
                await websocket.prepare(request)
                service = ClientAppService(command_for(desk), write_bytes=websocket.send_bytes,
                                           write_str=websocket.send_str, close=websocket.close,
                                           download_manager=self.download_manager, debug=self.debug,
                                           client=request.remote or "?")
                await service.start(width, height)
                try:
                    await self._process_messages(websocket, service)
                finally:
                    await service.stop()
            except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
                server_mod.log.exception(error)
            finally:
                self.apps -= 1
                if service is not None:
                    await service.stop()
            return websocket

    return DeskServer()


def font_path() -> Path:
    from data import FONTS_DIR

    return FONTS_DIR / FONT_FILE
