from django.urls import path

from .views import build, mine, respond, results, round

app_name = "surveys"

council = "rad/<slug:slug>/enkater/"
survey = council + "<int:pk>/"

urlpatterns = [
    # The secretariat builds a survey (views/build.py).
    path(council, build.survey_list, name="list"),
    path(council + "ny/", build.survey_create, name="create"),
    path(survey + "installningar/", build.survey_edit, name="edit"),
    path(survey + "kopiera/", build.survey_copy, name="copy"),
    path(survey + "fragor/", build.builder, name="builder"),
    path(survey + "fragor/avsnitt/", build.section_add, name="section_add"),
    path(survey + "fragor/ny/", build.question_add, name="question_add"),
    path(survey + "fragor/<int:question_pk>/", build.question_edit, name="question_edit"),
    path(survey + "fragor/<int:question_pk>/flytta/", build.question_move, name="question_move"),
    path(
        survey + "fragor/<int:question_pk>/ta-bort/", build.question_delete, name="question_delete"
    ),
    path(survey + "forhandsvisning/", build.preview, name="preview"),
    # The round: recipients, sending, response rate (views/round.py).
    path(survey, round.survey_detail, name="detail"),
    path(survey + "mottagare/", round.recipients, name="recipients"),
    path(survey + "mottagare/adresser/", round.emails_import, name="emails_import"),
    path(survey + "mottagare/ur-registret/", round.register_addresses, name="register_addresses"),
    path(survey + "skicka/", round.send, name="send"),
    path(survey + "paminn/", round.remind, name="remind"),
    path(survey + "inbjudningar/<int:invitation_pk>/ny-lank/", round.resend, name="resend"),
    path(survey + "inbjudningar/<int:invitation_pk>/aterkalla/", round.revoke, name="revoke"),
    path(survey + "inbjudningar/<int:invitation_pk>/oppna-igen/", round.reopen, name="reopen"),
    # Results (views/results.py).
    path(survey + "resultat/", results.results, name="results"),
    path(survey + "resultat/export.<str:fmt>", results.export, name="export"),
    path(survey + "resultat/import/", results.responses_import, name="responses_import"),
    # Respondents, no account needed (views/respond.py).
    path("svara/<str:token>/", respond.link, name="link"),
    path("svar/<int:invitation_pk>/", respond.respond, name="respond"),
    path("svar/<int:invitation_pk>/kvitto/", respond.receipt, name="receipt"),
    # A signed-in person's own invitations, linked from the start page (views/mine.py).
    path("enkater/mina/<int:invitation_pk>/svara/", mine.answer, name="mine_answer"),
]
