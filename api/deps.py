"""FastAPI dependencies shared by the routers: the query runner, the settings, paging parameters."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field

from .runner import DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE, PageResult, QueryRunner
from policykg.settings import Settings


def _runner(request: Request) -> QueryRunner:
    return request.app.state.runner


def _settings(request: Request) -> Settings:
    return request.app.state.settings


Runner = Annotated[QueryRunner, Depends(_runner)]
AppSettings = Annotated[Settings, Depends(_settings)]


@dataclass
class Paging:
    offset: int
    limit: int


def _paging(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="at most this many items")] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many items")] = 0,
) -> Paging:
    return Paging(offset, limit)


PagingDep = Annotated[Paging, Depends(_paging)]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list, with the total over all pages."""

    items: list[T]
    total: int = Field(description="items matching the request, over all pages")
    offset: int = Field(description="items skipped before this page")
    limit: int = Field(description="the page size asked for")
    truncated: bool = Field(False, description="true when the store's row cap cut the result: total is then a lower bound")

    @classmethod
    def of(cls, result: PageResult, items: list) -> "Page":
        return cls(items=items, total=result.total, offset=result.offset, limit=result.limit,
                   truncated=result.truncated)
