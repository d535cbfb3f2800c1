"""Indicator frameworks: the evaluation indicators a self-assessment answers, from data/frameworks/.

One YAML file per evaluation method (``data/frameworks/<id>.yaml``) gives its indicators in order
(``code``, as a report writes it in ``indicator:``, and ``name``), whether reports number their
headings as the method numbers the indicators (``numbered``), an optional ``length_limit`` in
characters for the whole report, and the public ``source`` it was taken from. A report names its
method with ``framework: <id>``; model/checks/indicators.py checks the report against it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..resources import data_dir

__all__ = ["Framework", "Indicator", "framework_ids", "load_framework"]


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(min_length=1)
    name: str = Field(min_length=1)


class Framework(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    source: str = Field(min_length=1)
    numbered: bool = False
    length_limit: int | None = Field(None, gt=0)
    indicators: list[Indicator] = Field(min_length=1)

    @field_validator("indicators")
    @classmethod
    def _unique(cls, v: list[Indicator]) -> list[Indicator]:
        codes = [i.code for i in v]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise ValueError(f"indicator codes given twice: {', '.join(twice)}")
        return v

    def position(self, code: str) -> int | None:
        """1-based place of an indicator in the method's order."""
        for n, i in enumerate(self.indicators, 1):
            if i.code == code:
                return n
        return None


def _folder() -> Path:
    return data_dir() / "frameworks"


def framework_ids() -> list[str]:
    """The ids of the shipped frameworks, sorted."""
    return sorted(p.stem for p in _folder().glob("*.yaml"))


@lru_cache(maxsize=16)
def load_framework(framework_id: str) -> Framework:
    """The framework of that id. A broken framework file is a bug in the installation, so it
    raises ValueError (the id is checked against framework_ids() when a report is validated)."""
    path = _folder() / f"{framework_id}.yaml"
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    try:
        framework = Framework.model_validate(data)
    except ValidationError as e:
        raise ValueError(f"{path}: {e}") from None
    if framework.id != framework_id:
        raise ValueError(f"{path}: id {framework.id!r} differs from the file name")
    return framework
