"""The web application: the JSON API, the HTML pages and the vendored static files, over one
store opened for the life of the process.

Pages send a Content-Security-Policy that allows scripts and styles from this server only, so
even a scraped `<script>` that escaped escaping could not run; the OpenAPI page (Swagger UI,
vendored too) needs its one inline bootstrap script and gets a policy of its own.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from narrascope.nlp.themepack import ThemePack, load_pack
from narrascope.store.factory import open_store
from narrascope.web import api, calendar, pages

POOL_SIZE = 2  # connections: SQLite reads run beside each other (WAL), one per request
COOKIE = "narrascope_token"
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_POLICY = PAGE_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def create_app(
    db: str | None = None, pack: ThemePack | None = None, token: str | None = None
) -> FastAPI:
    """With a token, every request must carry it: `Authorization: Bearer TOKEN`, or once as
    `?token=TOKEN` in a browser, which then keeps it in an HttpOnly cookie."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stores = [open_store(db) for _ in range(POOL_SIZE)]
        app.state.stores = asyncio.Queue()
        for store in stores:
            app.state.stores.put_nowait(store)
        app.state.pack = pack or load_pack()
        yield
        for store in stores:
            store.close()

    app = FastAPI(
        title="narrascope",
        summary="What the media say about foreign policy: documents, entities, quotes, themes",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(calendar.api)
    app.include_router(calendar.pages)
    static = str(files("narrascope.web").joinpath("static"))
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="narrascope API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        offered = token_of(request)
        if token and not (offered and hmac.compare_digest(offered, token)):
            return JSONResponse({"detail": "a valid API token is required"}, status_code=401)
        response = await call_next(request)
        if token and request.query_params.get("token"):
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        policy = DOCS_POLICY if request.url.path == "/docs" else PAGE_POLICY
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app


def token_of(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.query_params.get("token") or request.cookies.get(COOKIE)
