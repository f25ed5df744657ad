"""Survey results as spreadsheets, and reading back responses gathered outside the portal.

The only module of the app that knows the file formats. It reads the database and validates
files but writes nothing: the rows it parses are saved by `services.responses_import`.

The raw sheet ("Svar") has one row per submitted response: the columns of META_COLUMNS, then
one column per question headed by the question's text. Its headers and its cells (scale steps,
options, Ja/Nej, roles) are Swedish whatever the interface language, because they identify
what the cells mean; the same shape is read back by `responses_file_parse`, where only
"Organisation kod" is required and the other columns of META_COLUMNS are ignored.
"""

from .columns import (
    CODE,
    KIND,
    LAN,
    MAX_BYTES,
    MAX_ROWS,
    META_COLUMNS,
    MULTIPLE_SEPARATOR,
    NAME,
    NO,
    NUMBER_LIMIT,
    ORGANISATION,
    PERCENT_FORMAT,
    ROLE,
    SUBMITTED,
    YES,
    question_headers,
    survey_questions,
)
from .export import (
    response_export_rows,
    response_rate_text,
    results_to_csv,
    results_to_xlsx,
    summary_to_csv,
)
from .importing import (
    YES_NO_VALUES,
    ParsedResponse,
    ResponsesFileError,
    responses_file_parse,
    scale_hints,
)

__all__ = [
    "CODE",
    "KIND",
    "LAN",
    "MAX_BYTES",
    "MAX_ROWS",
    "META_COLUMNS",
    "MULTIPLE_SEPARATOR",
    "NAME",
    "NO",
    "NUMBER_LIMIT",
    "ORGANISATION",
    "PERCENT_FORMAT",
    "ParsedResponse",
    "ROLE",
    "ResponsesFileError",
    "SUBMITTED",
    "YES",
    "YES_NO_VALUES",
    "question_headers",
    "summary_to_csv",
    "response_export_rows",
    "response_rate_text",
    "responses_file_parse",
    "results_to_csv",
    "results_to_xlsx",
    "scale_hints",
    "survey_questions",
]
