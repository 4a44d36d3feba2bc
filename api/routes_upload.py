"""POST /documents: upload a document, extract it, load it into the graph (replacing its previous version).

The API key is checked before the body is read, so an unauthenticated client
cannot make the server parse a large upload.
"""
from __future__ import annotations

import hmac
import threading
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import UploadFile

from policykg.errors import PolicyKGError
from policykg.graph.stores.errors import StoreError
from policykg.ingest.extract import ExtractionError
from policykg.ingest.readers.budget import BUDGET as READ_BUDGET
from policykg.ingest.reading import ReadError
from policykg.ingestion import Ingestion, prepare_upload

from .extract_worker import WorkerFailed, run_in_worker
from .problems import ApiProblem, problem_responses
from .uploads import READERS, check_readable, safe_name

router = APIRouter(tags=["documents"])

# loads are serialised: two uploads of the same document must not interleave their replace steps
_write_lock = threading.Lock()


class UploadResult(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "document_id": "doc:济政办字〔2024〕9号", "doc_number": "济政办字〔2024〕9号",
        "title": "济宁市人民政府办公室关于加快冷链物流发展的实施意见", "file": "jining.txt", "replaced": False,
        "nodes": 12, "relationships": 20, "tasks": 2, "targets": 1, "warnings": [], "unknown_departments": []}]})

    document_id: str
    doc_number: str | None
    title: str | None
    file: str
    replaced: bool = Field(description="a previous version of the document was replaced")
    nodes: int = Field(description="nodes the document contributed")
    relationships: int = Field(description="relationships the document contributed")
    tasks: int = Field(description="provisions with a responsibility clause")
    targets: int
    warnings: list[str] = Field(description="what extraction was unsure about")
    unknown_departments: list[str] = Field(description="names the alias file does not know (kept as written)")


_BODY = {
    "required": True,
    "content": {"multipart/form-data": {
        "schema": {"type": "object", "required": ["file"],
                   "properties": {"file": {"type": "string", "format": "binary",
                                           "description": "the document: " + ", ".join(sorted(READERS)) +
                                                          " (plain text in UTF-8 or GB18030)"}}},
    }},
}


# the key as an OpenAPI security scheme: clients and generators see which operations need it, and how to send it
API_KEY = APIKeyHeader(name="X-API-Key", scheme_name="ApiKey", auto_error=False,
                       description="the server's POLICYKG_API_KEY; needed for writes (POST /documents)")


def _authorise(request: Request, given: str | None) -> None:
    key = request.app.state.settings.api_key
    if not key:
        raise ApiProblem(403, "writes are disabled: the server has no API key configured (set POLICYKG_API_KEY "
                              "where the service runs to enable POST /documents)", kind="writes-disabled")
    if not given or not hmac.compare_digest(given.encode(), key.encode()):
        raise ApiProblem(401, "a valid API key is needed in the X-API-Key header to upload documents",
                         headers={"WWW-Authenticate": 'ApiKey header="X-API-Key"'})


@router.post("/documents", status_code=201, response_model=UploadResult,
             responses=problem_responses(400, 401, 403, 409, 413, 415, 422, 503),
             openapi_extra={"requestBody": _BODY}, summary="Upload a document to ingest it (needs X-API-Key)")
async def upload_document(
    request: Request,
    x_api_key: Annotated[str | None, Security(API_KEY)] = None,
):
    """Read the uploaded file as `policykg ingest` reads it (every format it knows), load the document into the
    graph (replacing an earlier version of it) and recompute the inferred links. Needs the server's key in the
    `X-API-Key` header (the `ApiKey` security scheme); without a key configured, writes are disabled (403)."""
    _authorise(request, x_api_key)
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise ApiProblem(415, "send the document as multipart/form-data with the file in a field named 'file' "
                              "(curl -F file=@document.txt …)")
    async with request.form(max_files=1, max_fields=5) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiProblem(422, "the form has no file in a field named 'file'")
        name = check_readable(safe_name(upload.filename), upload.content_type)
        limit = request.app.state.settings.max_upload_bytes
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise ApiProblem(413, f"the file is larger than {limit} bytes (POLICYKG_MAX_UPLOAD_BYTES)")
    result = await run_in_threadpool(_ingest, request, data, name)
    location = "/documents/" + quote(result.document_id, safe="")
    return JSONResponse(result.model_dump(), status_code=201, headers={"Location": location})


def _ingest(request: Request, data: bytes, name: str) -> UploadResult:
    settings = request.app.state.settings
    try:
        # read in a fresh process (its memory returns, it can be killed); a new service there reads the alias
        # files as they are now (departments --merge)
        prep = run_in_worker(prepare_upload, (settings, data, name), seconds=READ_BUDGET.seconds, name=name)
    except (ReadError, ExtractionError) as exc:
        raise ApiProblem(422, str(exc), kind="unreadable-document") from exc
    except WorkerFailed as exc:
        raise ApiProblem(422, f"{name}: could not be read ({exc})", kind="unreadable-document") from exc
    runner = request.app.state.runner
    store = runner.holder.get()
    try:
        service = Ingestion(settings, open_store=lambda: store)
        with _write_lock, store.writer_lock("an upload to policykg serve"):
            doc, report = service.load_upload(prep, store)
        runner.cache.clear()  # the fingerprint would see it too; this answers the uploader's next read at once
    except (ReadError, ExtractionError) as exc:
        raise ApiProblem(422, str(exc), kind="unreadable-document") from exc
    except StoreError as exc:
        runner.holder.lost(store, exc)
        raise
    except PolicyKGError as exc:
        raise ApiProblem(422, str(exc), kind="unreadable-document") from exc
    return UploadResult(
        document_id=report.document_id, doc_number=doc.document.doc_number, title=doc.document.title, file=name,
        replaced=report.replaced, nodes=report.nodes, relationships=report.relationships, tasks=len(doc.tasks),
        targets=len(doc.targets), warnings=list(doc.warnings), unknown_departments=list(doc.unknown_departments),
    )
