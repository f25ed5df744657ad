"""The two surveys of the seed as built-in templates a council can start a new survey from.

- "kompetensutveckling": the municipal competence-development inventory (Inventering av
  kompetensutvecklingsbehov): 22 items on the four-level scale, grouped by theme, then the
  form of the education (single choice), its arrangement (multiple choice) and free text.
- "karriarmodeller": the career-model survey to regions, municipalities and universities:
  statements answered yes/no (documented or not), questions on professions, free-text
  questions, questions only for regions or only for municipalities, and a block only for
  universities.

The texts are survey content, stored in the database as written, so they are not translated.
The seed's obvious misspellings ("Kliniskt bedömning", "omvårdnasåtgärder") are corrected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from councils.models import Council, Organisation

from . import services
from .defaults import default_scale_load
from .models import Question, Scale, ScaleStep, Survey

SCALE, SINGLE, MULTIPLE, YES_NO, TEXT = (
    Question.Kind.SCALE, Question.Kind.SINGLE, Question.Kind.MULTIPLE,
    Question.Kind.YES_NO, Question.Kind.TEXT,
)  # fmt: skip
KOMMUN, REGION, LAROSATE = (
    Organisation.Kind.MUNICIPALITY.value, Organisation.Kind.REGION.value,
    Organisation.Kind.UNIVERSITY.value,
)  # fmt: skip


@dataclass(frozen=True)
class BuiltinQuestion:
    kind: str
    text: str
    help_text: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    visible_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuiltinSection:
    title: str
    questions: tuple[BuiltinQuestion, ...]
    description: str = ""


@dataclass(frozen=True)
class BuiltinSurvey:
    key: str
    title: str
    intro: str
    audience: tuple[str, ...]
    sections: tuple[BuiltinSection, ...] = field(default=())
    # The competence survey promises answers "sammanställda, inte per kommun".
    results_anonymous: bool = False


def _item(text: str, help_text: str = "") -> BuiltinQuestion:
    """One item of the competence inventory, on the default scale, required."""
    return BuiltinQuestion(SCALE, text, help_text, required=True)


ITEM_QUESTION = (
    "Skulle ni kunna tänka er att lägga tid på vidareutbildning/kompetensutveckling på …"
)

COMPETENCE = BuiltinSurvey(
    key="kompetensutveckling",
    title="Inventering av kompetensutvecklingsbehov",
    intro=(
        "Rådet inventerar behovet av vidareutbildning och kompetensutveckling inom den "
        "kommunala hälso- och sjukvården. För varje område: skulle ni kunna tänka er att lägga "
        "tid på vidareutbildning/kompetensutveckling på det? Välj det alternativ som stämmer "
        "bäst för er verksamhet. Svaren redovisas sammanställda, inte per kommun."
    ),
    audience=(KOMMUN,),
    results_anonymous=True,
    sections=(
        BuiltinSection("Klinisk bedömning", description=ITEM_QUESTION, questions=(
            _item(
                "Klinisk bedömning av patienters fysiska och psykiska hälsotillstånd",
                "Utifrån ett omvårdnadsperspektiv med stöd av såsom intervju, observation, "
                "psykologiska och fysiologiska undersökningar samt bedömningsinstrument.",
            ),
            _item(
                "Klinisk bedömning nutritionsstatus",
                "Närings- och energibehov vid normalt åldrande.",
            ),
        )),
        BuiltinSection("Vårdhygien", description=ITEM_QUESTION, questions=(
            _item(
                "Vårdhygien",
                "Aseptik och sterilitet vid hälso- och sjukvård i hemmet, normal sårläkning, "
                "riskfaktorer och uppkomstmekanismer vid akuta och svårläkta sår, "
                "omvårdnadsåtgärder vid sårbehandling samt hygieniska principer vid sårläkning.",
            ),
        )),
        BuiltinSection("Diabetes", description=ITEM_QUESTION, questions=(
            _item("Omvårdnad vid diabetes hos vårdtagare inom kommunal hälso- och sjukvård"),
        )),
        BuiltinSection("Palliativ vård", description=ITEM_QUESTION, questions=(
            _item("Palliativ vård: Personcentrerad omvårdnad i palliativ vård och i livets "
                  "slutskede"),
            _item("Palliativ vård: Symtomlindring och behandling i palliativ vård och i livets "
                  "slutskede"),
            _item("Palliativ vård: Munvård vid palliativ omvårdnad och vård i livets slutskede"),
        )),
        BuiltinSection("Demens", description=ITEM_QUESTION, questions=(
            _item("Demens: Personcentrerad omvårdnad av personer med demenssjukdom"),
            _item("Demens: Innebörden av olika demens-ohälsotillstånd för patienten själv, "
                  "dennes anhöriga och vårdare"),
            _item("Demens: Verbal och icke verbal kommunikation och kommunikationssvårigheter"),
            _item("Demens: Värdighet och livskvalitet i relation till beteendemässiga och "
                  "psykiska symptom vid demenssjukdom (BPSD)"),
            _item("Demens: Kritisk granskning och uppföljning av förhållningssätt, bemötande, "
                  "åtgärder och behandling"),
            _item("Demens: Stödjande förhållningssätt, miljöer och metoder vid "
                  "funktionsnedsättningar"),
            _item("Demens: Rättssäkerhet för personer med demenssjukdom"),
        )),
        BuiltinSection("Nära vård", description=ITEM_QUESTION, questions=(
            _item("Nära vård: Samverkan mellan vårdgivare – hur arbetar vi över "
                  "organisationsgränser"),
            _item("Nära vård: Att leda i nära vård"),
            _item("Nära vård: Personcentrerad vård"),
            _item("Nära vård: Rehabiliterande och stödjande arbetssätt"),
        )),
        BuiltinSection("Ledarskap", description=ITEM_QUESTION, questions=(
            _item("Ledarskap: Att leda legitimerad personal med ansvar under HSL"),
            _item("Ledarskap: Att leda medarbetare som utför delegerade insatser enligt HSL"),
            _item("Ledarskap: Omvårdnadskunskap för chefer"),
            _item("Ledarskap: Rehabiliteringskunskap för chefer"),
        )),
        BuiltinSection("Utbildningens form och upplägg", questions=(
            BuiltinQuestion(
                SINGLE, "I vilken form ska utbildningen ske?", required=True,
                options=("Högskolestudier", "Uppdragsutbildning (ej högskolepoäng)"),
            ),
            BuiltinQuestion(
                MULTIPLE, "Upplägg av utbildning", "Välj alla som passar.",
                options=("Distans", "På plats", "Komprimerat", "Föreläsningar", "Seminarium"),
            ),
            BuiltinQuestion(
                TEXT,
                "Finns det något kompetensutvecklingsbehov som ni skulle tänka er att lägga "
                "tid på som ej är listat?",
            ),
        )),
    ),
)  # fmt: skip


def _statement(text: str, help_text: str = "") -> BuiltinQuestion:
    """A statement of the career-model survey: does it hold, and is it documented?"""
    return BuiltinQuestion(YES_NO, text, help_text, required=True)


CAREER = BuiltinSurvey(
    key="karriarmodeller",
    title="Karriärmodeller i hälso- och sjukvården",
    intro=(
        "Rådet kartlägger befintliga karriär- och kompetensmodeller för att stärka karriär- "
        "och kompetensvägar i klinisk vård. Enkäten bygger på SKR:s enkät om karriärmodeller "
        "med rådets egna frågor, och går till regioner, kommuner och lärosäten. Vissa frågor "
        "visas bara för er organisationstyp."
    ),
    audience=(REGION, KOMMUN, LAROSATE),
    sections=(
        BuiltinSection(
            "Arbetet med karriärmodeller",
            description=(
                "Svara ja om påståendet stämmer och finns dokumenterat i er organisation, "
                "annars nej."
            ),
            questions=(
                _statement("Organisationens kompetensbehov på kort respektive lång sikt finns "
                           "dokumenterat"),
                _statement("Mål och syfte med att inrätta karriärmodeller finns beskrivet hos "
                           "organisationen"),
                _statement("Beslut om att införa karriärmodeller har tagits på central "
                           "ledningsnivå (på förvaltnings-/verksamhetsnivå)"),
                _statement("Central stab/förvaltning har tilldelats uppdraget att ansvara för "
                           "arbetet med att införa karriärmodeller enligt avtalet"),
                _statement("En resurs på central stab/förvaltningsnivå har utsetts att leda "
                           "arbetet med att utveckla och införa karriärmodeller"),
                _statement("En strategi och tidplan har tagits fram för arbetet"),
                _statement(
                    "En central arbetsgrupp har utsetts för att utveckla en grundmodell med "
                    "vissa gemensamma och grundläggande kriterier",
                    "T ex med HR, verksamhets- och yrkesföreträdare.",
                ),
                _statement("Facklig samverkan/förankring görs kontinuerligt under arbetets gång"),
                _statement("Arbete har påbörjats att anpassa modellen till yrkesgrupp och "
                           "eventuell verksamhet"),
                _statement(
                    "Arbete har påbörjats att anpassa modellen för någon/några yrkesgrupper",
                    "T ex sjuksköterskor, arbetsterapeuter, fysioterapeuter.",
                ),
                _statement("Införandet av modellerna för någon/några av yrkesgrupperna har "
                           "påbörjats i verksamheterna"),
                _statement("Införandet av modellerna har påbörjats i verksamheterna"),
                _statement(
                    "Stöd/verktyg för chefer erbjuds för införande/användning av modellerna",
                    "T ex mallar, utbildningsmaterial, underlag för samtal mellan chef och "
                    "medarbetare, i rekryteringssammanhang m.m.",
                ),
                _statement(
                    "Karriärmodellerna kommuniceras tydligt internt och externt",
                    "T ex på organisationens intranät och externa webbsida.",
                ),
                _statement("Uppföljning och analys av arbetet görs kontinuerligt"),
                _statement("En tydlig struktur för uppföljning, analys, utveckling m.m. finns för "
                           "att upprätthålla och utveckla modellerna"),
            ),
        ),
        BuiltinSection("Frågor avseende yrkesgrupper", questions=(
            BuiltinQuestion(TEXT, "Om arbete har påbörjats att utveckla modeller för "
                                  "yrkesgrupper, uppge vilka:"),
            BuiltinQuestion(TEXT, "Om arbete har påbörjats att införa modeller för "
                                  "yrkesgrupper, uppge vilka:"),
            BuiltinQuestion(YES_NO, "Har sjuksköterskor möjlighet att läsa "
                                    "specialistutbildning inom ramen för sitt arbete?"),
            BuiltinQuestion(YES_NO, "Har sjuksköterskor, arbetsterapeuter och fysioterapeuter "
                                    "möjlighet att läsa till magister inom ramen för sitt "
                                    "arbete?"),
            BuiltinQuestion(YES_NO, "Har sjuksköterskor, arbetsterapeuter och fysioterapeuter "
                                    "möjlighet att läsa doktorandutbildning inom ramen för "
                                    "arbetet?"),
        )),
        BuiltinSection("Fritextsvar", questions=(
            BuiltinQuestion(TEXT, "Hur arbetar ni med karriärmodeller?"),
            BuiltinQuestion(TEXT, "Hur samverkar ni med lärosäten kring karriärmodeller?",
                            visible_to=(REGION, KOMMUN)),
            BuiltinQuestion(YES_NO, "Regioner, samverkar ni med kommuner kring "
                                    "karriärmodeller?", visible_to=(REGION,)),
            BuiltinQuestion(TEXT, "Om ja, på vilket sätt?",
                            "Samverkan med kommuner kring karriärmodeller.",
                            visible_to=(REGION,)),
            BuiltinQuestion(TEXT, "Om nej, är det något ni ser ett behov av?",
                            "Samverkan med kommuner kring karriärmodeller.",
                            visible_to=(REGION,)),
            BuiltinQuestion(YES_NO, "Kommun, samverkar ni med regioner kring "
                                    "karriärmodeller?", visible_to=(KOMMUN,)),
            BuiltinQuestion(TEXT, "Om ja, på vilket sätt?",
                            "Samverkan med regioner kring karriärmodeller.",
                            visible_to=(KOMMUN,)),
            BuiltinQuestion(TEXT, "Om nej, är det något ni ser ett behov av?",
                            "Samverkan med regioner kring karriärmodeller.",
                            visible_to=(KOMMUN,)),
        )),
        BuiltinSection("Frågor till lärosäten", questions=(
            BuiltinQuestion(YES_NO, "Arbetar lärosätet för att tillförsäkra en god "
                                    "kompetensförsörjning inom hälso- och sjukvård?",
                            required=True, visible_to=(LAROSATE,)),
            BuiltinQuestion(TEXT, "I så fall, samverkar ni med region och kommuner och på "
                                  "vilket sätt?", visible_to=(LAROSATE,)),
            BuiltinQuestion(YES_NO, "Samverkar lärosätet med region och kommuner i "
                                    "utvecklande och/eller implementering av karriärvägar i "
                                    "klinisk vård som t.ex. kompetensstegar/modeller?",
                            required=True, visible_to=(LAROSATE,)),
            BuiltinQuestion(TEXT, "I så fall, på vilket sätt?", visible_to=(LAROSATE,)),
            BuiltinQuestion(TEXT, "Hur skulle ni vilja arbeta för att tillförsäkra en god "
                                  "kompetensförsörjning inom hälso- och sjukvård?",
                            visible_to=(LAROSATE,)),
            BuiltinQuestion(TEXT, "Hur skulle ni vilja arbeta för att främja olika "
                                  "karriärvägar inom klinisk vård?", visible_to=(LAROSATE,)),
            BuiltinQuestion(TEXT, "På vilket sätt kan karriärmodeller bidra till "
                                  "kompetensförsörjningen?", visible_to=(LAROSATE,)),
        )),
    ),
)  # fmt: skip

BUILTINS: dict[str, BuiltinSurvey] = {survey.key: survey for survey in (COMPETENCE, CAREER)}


@transaction.atomic
def survey_from_builtin(*, council: Council, key: str, title: str | None = None) -> Survey:
    """A new draft survey for the council with the built-in template's sections and questions."""
    builtin = BUILTINS[key]
    scale = default_scale_load(Scale, ScaleStep)
    survey = services.survey_create(
        council=council,
        title=title or builtin.title,
        intro=builtin.intro,
        audience=builtin.audience,
        results_anonymous=builtin.results_anonymous,
    )
    for built_section in builtin.sections:
        section = services.section_add(
            survey=survey, title=built_section.title, description=built_section.description
        )
        for q in built_section.questions:
            services.question_add(
                section=section,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                required=q.required,
                scale=scale if q.kind == SCALE else None,
                options=q.options,
                visible_to=q.visible_to,
            )
    return survey
