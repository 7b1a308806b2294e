"""Reviewers: a second opinion on every attempt, and the anatomy of its failure.

* :mod:`reviewers.static` — ruff, clippy (sandboxed) and AST/textual checks,
  mapped to weakness areas (registered as ``("reviewer", "static")``);
* :mod:`reviewers.model` — another model's critique in strict JSON
  (``("reviewer", "model")``, its model from :mod:`codecanary.chat`);
* :mod:`reviewers.agreement` — reviewer against tests per night, and the
  summary section; :mod:`reviewers.html` — the report section;
* :mod:`reviewers.records` — reviews and failure details in the store;
* :mod:`reviewers.failures` — failure classification, with each language's
  patterns read from its spec (:mod:`codecanary.languages`).
"""

from reviewers import agreement, html, model, static
from reviewers.agreement import attempt_findings, fault_confusion, night_agreement
from reviewers.base import Reviewer, ReviewOutcome, create, is_flag
from reviewers.model import ModelReviewer, parse_findings
from reviewers.static import StaticReviewer

__all__ = ["ModelReviewer", "ReviewOutcome", "Reviewer", "StaticReviewer", "agreement",
           "attempt_findings", "create", "fault_confusion", "html", "is_flag", "model",
           "night_agreement", "parse_findings", "static"]
