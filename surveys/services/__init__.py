"""Writes for surveys, one module per stage: building (the questions), invitations (the round
and its links) and responses (answering and importing). Views, tasks, the admin and the demo
all call these; import them from `surveys.services`."""

from .building import (
    question_add,
    question_delete,
    question_move,
    question_update,
    section_add,
    survey_copy,
    survey_create,
    survey_create_from_builtin,
    survey_has_responses,
    survey_structure_check,
    survey_update,
)
from .invitations import (
    IssuedLink,
    SendOutcome,
    invitation_emails_import,
    invitation_emails_set,
    invitation_for_token,
    invitation_issue_link,
    invitation_log,
    invitation_revoke,
    invitation_send,
    invitations_create,
    invitations_send_queue,
    invitations_to_send,
    moment,
    organisations_for_audience,
    reminder_interval,
    resend_interval,
)
from .responses import (
    AlreadySubmitted,
    LinkRevoked,
    SurveyClosed,
    response_reopen,
    response_save,
    responses_import,
)

__all__ = [
    "AlreadySubmitted", "IssuedLink", "LinkRevoked", "SendOutcome", "SurveyClosed",
    "invitation_emails_import", "invitation_emails_set", "invitation_for_token",
    "invitation_issue_link", "invitation_log", "invitation_revoke", "invitation_send",
    "invitations_create", "invitations_send_queue", "invitations_to_send", "moment",
    "organisations_for_audience", "reminder_interval", "resend_interval", "question_add",
    "question_delete", "question_move", "question_update", "response_reopen", "response_save",
    "responses_import", "section_add",
    "survey_copy", "survey_create", "survey_create_from_builtin", "survey_has_responses",
    "survey_structure_check", "survey_update",
]  # fmt: skip
