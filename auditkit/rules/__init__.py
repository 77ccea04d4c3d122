"""The cross-field rules of a submission (docs/format.*.md), one module per group, each finding with a code from
the catalogue (catalogue.py: code -> level, group, meaning in Korean and English).

    header.py       as_of, prepared_by, approved_by
    structure.py    sites and systems: ids, owners, primary and DR sites
    answers.py      every applicable item, site and system answered; values against their status
    evidence.py     evidence present, inside the folder, with the recorded sha256
    remediation.py  owner, due date within the period and the checklist's limits
    crosscheck.py   answers against the file's own structure (ACC-01 and deputies, RED-04 and DR sites, …)
"""
from __future__ import annotations

import datetime as dt

from ..errors import Problem
from ..loader import Document
from ..model import Checklist, Submission, Verdicts
from . import answers, header, structure
from .catalogue import CATALOGUE, Code
from .context import Context
from .crosscheck import crosscheck

GROUPS = (header.check, structure.check, answers.check)

__all__ = ["CATALOGUE", "Code", "Context", "check"]


def check(doc: Document, checklist: Checklist, submission: Submission, today: dt.date) -> tuple[list[Problem], Verdicts]:
    """Every finding of the cross-field rules, and the verdict each answer earned (scoring reuses them)."""
    ctx = Context(doc, checklist, submission, today)
    for group in GROUPS:
        group(ctx)
    return ctx.problems + crosscheck(checklist, submission, doc), ctx.verdicts
