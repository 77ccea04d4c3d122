"""Every finding code auditkit reports, with its level, its group and what it means (English msgid; the Korean is
in the catalogue of auditkit.i18n). A code is part of the contract: it is printed in every output
(`file:line:col: [error] message (ITEM, code)`, JSON `code`), it never changes meaning, and a code that is no
longer reported stays listed here. `auditkit rules` prints this table; docs/rules.*.md is generated from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ..i18n import N_, _

ERROR, WARNING = "error", "warning"
GROUPS = MappingProxyType({
    "file": N_("Reading the file"), "schema": N_("Shape of the file (schema)"), "header": N_("Header and people"),
    "structure": N_("Sites and systems"), "answers": N_("Answers and values"), "evidence": N_("Evidence"),
    "remediation": N_("Remediation"), "consistency": N_("Answers against the file's own structure"),
    "checklist": N_("Checklist files"),
})


@dataclass(frozen=True)
class Code:
    code: str
    level: str
    group: str
    meaning: str  # English; translate with _() where it is shown

    def text(self) -> str:
        return _(self.meaning)


def _codes(*rows: tuple[str, str, str, str]) -> MappingProxyType[str, Code]:
    return MappingProxyType({row[0]: Code(*row) for row in rows})


CATALOGUE = _codes(
    # file: the loader
    ("unreadable", ERROR, "file", N_("The file cannot be read (missing, a folder, no permission).")),
    ("not-a-file", ERROR, "file", N_("A device or other special file where a submission file is expected.")),
    ("empty-pipe", ERROR, "file", N_("A named pipe (FIFO) that nothing was written to in time.")),
    ("too-large", ERROR, "file", N_("The file is larger than the limit auditkit reads.")),
    ("encoding", ERROR, "file", N_("The file is not UTF-8 text (for example CP949 or UTF-16): save it as UTF-8.")),
    ("binary", ERROR, "file", N_("The file holds NUL bytes: it is not a text file.")),
    ("empty", ERROR, "file", N_("The file is empty.")),
    ("syntax", ERROR, "file", N_("The file is not valid YAML at this place.")),
    ("control-character", ERROR, "file", N_("A control character that YAML does not allow.")),
    ("line-separator", ERROR, "file", N_("A Unicode line or paragraph separator, which would shift every line number.")),
    ("alias", ERROR, "file", N_("A YAML alias (*name): auditkit files write every value out in full.")),
    ("tag", ERROR, "file", N_("A YAML tag (!!python/…, !custom): auditkit files hold plain data only.")),
    ("too-deep", ERROR, "file", N_("Lists and mappings nested deeper than auditkit reads.")),
    ("complex-key", ERROR, "file", N_("A list or mapping used as a key.")),
    ("multiple-documents", ERROR, "file", N_("More than one YAML document ('---') in one file.")),
    ("fullwidth-space", ERROR, "file", N_("A full-width space (U+3000) in indentation or a key, where YAML needs ordinary spaces.")),
    ("fullwidth-colon", ERROR, "file", N_("A full-width colon (U+FF1A) after a key, where YAML needs ':' and a space.")),
    ("duplicate-key", ERROR, "file", N_("The same key twice in one mapping (YAML would silently keep the last).")),
    ("workbook-corrupt", ERROR, "file", N_("A workbook that cannot be read as an auditkit .xlsx (damaged, or changed where it must not be).")),
    ("workbook-not-auditkit", ERROR, "file", N_("An .xlsx workbook that auditkit did not write (no metadata sheet).")),
    ("workbook-format", ERROR, "file", N_("A workbook written in a newer layout than this auditkit reads.")),
    ("workbook-macros", ERROR, "file", N_("A workbook with macros or ActiveX controls (.xlsm, vbaProject).")),
    ("workbook-external-link", ERROR, "file", N_("A workbook that links to other files.")),
    ("workbook-bomb", ERROR, "file", N_("A workbook that inflates far beyond its size (a zip bomb).")),
    ("workbook-formula", ERROR, "file", N_("A cell holding a formula where auditkit reads a value.")),
    ("workbook-no-key", ERROR, "file", N_("A row of the people sheet without a key.")),
    ("not-a-mapping", ERROR, "file", N_("The file is not a mapping of keys (checklist, institution, answers, …).")),
    ("unknown-checklist", ERROR, "file", N_("The checklist or checklist_version named in the file is not known.")),
    # schema: the generated JSON Schema
    ("key-required", ERROR, "schema", N_("A key the format requires is missing.")),
    ("unknown-key", ERROR, "schema", N_("A key the format does not have (often a typo).")),
    ("unknown-item", ERROR, "schema", N_("An answer for an item id the checklist does not have.")),
    ("wrong-type", ERROR, "schema", N_("A value of the wrong kind (text where a number is expected, …).")),
    ("empty-value", ERROR, "schema", N_("A value that must not be empty is empty.")),
    ("value-out-of-range", ERROR, "schema", N_("A number outside the allowed range.")),
    ("value-not-allowed", ERROR, "schema", N_("A value that is not one of the allowed words.")),
    ("status-unknown", ERROR, "schema", N_("A status that is not compliant, partial, non_compliant or not_applicable.")),
    ("status-korean", ERROR, "schema", N_("A status written as a Korean word (적합, 부분 적합, …) instead of its code (compliant, …).")),
    ("item-id-format", ERROR, "schema", N_("An item id written another way (RED-5, red-05) than the checklist's (RED-05).")),
    ("value-not-an-option", ERROR, "schema", N_("A choice answer that is not one of the item's options.")),
    ("site-kind-unknown", ERROR, "schema", N_("A site kind that is not own, nirs, colocation or cloud.")),
    ("battery-unknown", ERROR, "schema", N_("A battery type that is not li-ion, vrla, vla or none.")),
    ("grade-unknown", ERROR, "schema", N_("A system grade that is not 1, 2, 3 or 4.")),
    ("checklist-mismatch", ERROR, "schema", N_("checklist or checklist_version differs from the checklist it is validated against.")),
    ("date-format", ERROR, "schema", N_("A date not written as YYYY-MM-DD.")),
    ("date-invalid", ERROR, "schema", N_("A date that does not exist (2026-02-30).")),
    ("id-format", ERROR, "schema", N_("An id not written in upper-case letters, digits and '-'.")),
    ("person-key-format", ERROR, "schema", N_("A people key not written in lower-case letters, digits, '.', '_' and '-'.")),
    ("email-format", ERROR, "schema", N_("An e-mail address that is not one.")),
    ("sha256-format", ERROR, "schema", N_("A sha256 that is not 64 lower-case hexadecimal digits.")),
    ("wrong-format", ERROR, "schema", N_("A value in the wrong form.")),
    ("evidence-form", ERROR, "schema", N_("Evidence that has neither a file nor a ref.")),
    ("schema", ERROR, "schema", N_("Any other difference from the format's schema.")),
    # header and people
    ("as-of-future", ERROR, "header", N_("as_of is a date in the future.")),
    ("as-of-outside-period", ERROR, "header", N_("as_of is not in the audit period's year or the year before.")),
    ("approval-future", ERROR, "header", N_("approved_by.date is a date in the future.")),
    ("approval-before-as-of", ERROR, "header", N_("approved_by.date is more than a year before as_of.")),
    ("unknown-person", ERROR, "header", N_("A person key that is not under people.")),
    # sites and systems
    ("duplicate-id", ERROR, "structure", N_("The same site, system or item id twice.")),
    ("unknown-site", ERROR, "structure", N_("A site id that is not under sites.")),
    ("unknown-system", ERROR, "structure", N_("A system id that is not under systems.")),
    ("dr-same-site", ERROR, "structure", N_("A system's dr_site is its own primary site.")),
    ("no-deputy", WARNING, "structure", N_("A grade 1–2 system without a deputy owner.")),
    ("no-dr-site", WARNING, "structure", N_("A grade 1–2 system without a disaster-recovery site.")),
    # answers and values
    ("unanswered", ERROR, "answers", N_("An applicable item, site or system has no answer.")),
    ("not-applicable-target", ERROR, "answers", N_("An answer for a site or system the item does not apply to.")),
    ("status-contradicts-value", ERROR, "answers", N_("The status written disagrees with the status the value gives.")),
    ("date-after-as-of", ERROR, "answers", N_("The date of a past event is after as_of.")),
    ("review-pending", WARNING, "answers", N_("An answer carried over by init --from that is still marked for review.")),
    # evidence
    ("evidence-required", ERROR, "evidence", N_("A compliant answer to an item that requires evidence has none.")),
    ("evidence-outside", ERROR, "evidence", N_("An evidence file given by an absolute path or outside the submission's folder.")),
    ("evidence-not-found", ERROR, "evidence", N_("An evidence file that is not on disk and has no recorded sha256.")),
    ("evidence-missing", WARNING, "evidence", N_("An evidence file not on disk, though its sha256 is recorded.")),
    ("evidence-unreadable", ERROR, "evidence", N_("An evidence file that cannot be read.")),
    ("evidence-too-large", ERROR, "evidence", N_("An evidence file larger than 1 GiB, which auditkit does not hash.")),
    ("evidence-no-hash", WARNING, "evidence", N_("An evidence file without a recorded sha256.")),
    ("evidence-hash", ERROR, "evidence", N_("An evidence file whose sha256 differs from the recorded one.")),
    # remediation
    ("remediation-required", ERROR, "remediation", N_("A partial or non-compliant answer without a remediation (action, owner, due).")),
    ("due-before-period", ERROR, "remediation", N_("A remediation due before the audit period started.")),
    ("remediation-late", WARNING, "remediation", N_("A remediation due later than the checklist allows for its severity.")),
    # answers against the file's own structure (rules/crosscheck.py)
    ("contradicts-deputy", ERROR, "consistency", N_("An owner-and-deputy answer is compliant for a system without a deputy.")),
    ("contradicts-dr-site", ERROR, "consistency", N_("A DR answer describes a DR site that the system does not have, or denies one it has.")),
    ("contradicts-region", ERROR, "consistency", N_("A DR site answered as in another region is in the same city as the primary site.")),
    ("contradicts-site-owner", ERROR, "consistency", N_("A facility-owner answer is compliant for a site without an owner.")),
    ("contradicts-exercise-date", ERROR, "consistency", N_("An exercise type is given for the last year, but the latest exercise is older or never.")),
    # checklist files
    ("checklist-item-prefix", ERROR, "checklist", N_("An item id that does not start with its section's id.")),
    ("checklist-rule-missing", ERROR, "checklist", N_("A number, date or choice item without pass_if or by_grade.")),
    ("checklist-options-missing", ERROR, "checklist", N_("A choice item without options.")),
    ("checklist-rule-option", ERROR, "checklist", N_("A pass_if.in value that is not one of the item's options.")),
    ("checklist-by-grade-scope", ERROR, "checklist", N_("by_grade on an item that is not system-scope.")),
)


def level_of(code: str) -> str:
    """The level a code is reported at (error for a code not in the catalogue, which a test forbids)."""
    found = CATALOGUE.get(code)
    return found.level if found else ERROR
