"""Keyword search in task text. Catalog query: search-tasks (substring match: no segmentation errors in Chinese)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from .deps import Page, PagingDep, Runner
from .problems import problem_responses

router = APIRouter(tags=["search"])


class SearchHit(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "task_id": "task:菏政办字〔2024〕7号:二/(一)/1", "doc_number": "菏政办字〔2024〕7号", "number": "二/(一)/1",
        "title": "现代物流", "text": "……加强冷链物流设施和网络建设……", "leads": ["市发展改革委", "市交通运输局", "市邮政管理局"]}]})

    task_id: str
    doc_number: str | None
    number: str | None
    title: str | None
    text: str | None
    leads: list[str]


@router.get("/search", response_model=Page[SearchHit], responses=problem_responses(422, 503, 504),
            summary="Tasks whose heading or text contains a keyword")
def search(
    runner: Runner,
    paging: PagingDep,
    q: Annotated[str, Query(min_length=1, max_length=100, examples=["冷链物流"], description="the keyword")],
):
    result = runner.page("search-tasks", {"q": q}, paging.offset, paging.limit)
    return Page[SearchHit].of(result, [SearchHit(**r) for r in result.items])
