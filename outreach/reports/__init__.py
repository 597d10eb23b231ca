"""Exporters: coverage reports (XLSX, CSV, PDF), lists, and the printed QR materials.

Each exporter takes the plain dataclasses the services return and writes one file; none of
them imports Qt, so the CLI, the server and tests produce byte-for-byte the same documents.
"""

from __future__ import annotations

from pathlib import Path

from outreach.errors import OutreachError
from outreach.labels import DEFAULT_LANGUAGE
from outreach.services.coverage import CoverageReport

COVERAGE_FORMATS = ("xlsx", "csv", "pdf")


def format_of(path: Path, explicit: str | None = None) -> str:
    """The export format: the one asked for, else the file's extension."""
    fmt = (explicit or path.suffix.lstrip(".")).lower()
    if fmt not in COVERAGE_FORMATS:
        raise OutreachError(
            f"Định dạng “{fmt}” không được hỗ trợ; dùng xlsx, csv hoặc pdf.",
            f"Format “{fmt}” is not supported; use xlsx, csv or pdf.",
            code="unsupported_format",
        )
    return fmt


def write_coverage(report: CoverageReport, path: Path, fmt: str | None = None, language: str = DEFAULT_LANGUAGE) -> Path:
    """Write ``report`` to ``path`` in ``fmt`` (default: from the extension), its codes labelled in
    ``language`` (the screen and the CLI pass ``labels.EXPORT_LANGUAGE``: the headings are Vietnamese)."""
    fmt = format_of(path, fmt)
    if fmt == "xlsx":
        from outreach.reports.xlsx import write_coverage_xlsx

        return write_coverage_xlsx(report, path, language)
    if fmt == "csv":
        from outreach.reports.csv_export import write_coverage_csv

        return write_coverage_csv(report, path, language)
    from outreach.reports.pdf import write_coverage_pdf

    return write_coverage_pdf(report, path, language)
