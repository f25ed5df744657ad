"""The seed's texts of the four demo workgroups (see the package's docstring for what is
seed and what is added)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from surveys.demo import CAREER_TITLE

from ..models import Goal, Meeting, Member

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DOMAIN = "mellansverige.example.se"
CONVENOR, MEMBER = Member.Role.CONVENOR, Member.Role.MEMBER
DIGITAL, ON_SITE = Meeting.Form.DIGITAL, Meeting.Form.ON_SITE
NOT_STARTED, ONGOING, DONE = Goal.Status.NOT_STARTED, Goal.Status.ONGOING, Goal.Status.DONE
COUNCIL_MEETING = date(2022, 11, 17)  # "Regionalt råd – Uppsala 17/11-22"

ATBT = "Arbetsgrupp AT/BT"
FORENADE = "Förenade anställningar"
INTERMEDIAR = "Intermediärvård"
KARRIAR = "Karriärmodeller"

CONVENOR_EMAIL = f"sammankallande@{DOMAIN}"
GROUP_MEMBER_EMAIL = f"gruppmedlem@{DOMAIN}"


@dataclass(frozen=True)
class Person:
    """A member: `login` is the e-mail local part of a demo login, else a contact."""

    name: str
    title: str
    organisation: str = ""
    role: str = MEMBER
    login: str = ""


# --- Arbetsgrupp AT/BT -------------------------------------------------------------------------

# The seed gives titles only (no organisations), in its order.
ATBT_MEMBERS = [
    Person("Elisabet Norling", "Övergripande studierektor"),
    Person("Henrik Thorsell", "tf. Bitr. FoU-direktör", login="gruppmedlem"),
    Person("Samir Haddad", "AT/BT-chef"),
    Person("Katarina Ljungman", "Utbildningschef", role=CONVENOR, login="sammankallande"),
    Person("Ylva Sundelin", "Vchf. Centrum för läkarutbildning"),
    Person("Johanna Brink", "Övergripande studierektor"),
    Person("Leila Karimi", "AT/BT-chef"),
]

# Mål | Aktivitet | Ansvarig | Tidplan, verbatim.
ATBT_GOALS = [
    ("Förbättrad kunskap om organisation och styrning av AT/BT inom aktuella regioner.",
     "Kartlägga och sammanställa hur styrning, redovisning och organisation av utbildningstjänster AT/BT ser ut i regionerna."),
    ("Kartläggning av befintliga nätverk kopplade till AT/BT-organisation.",
     "Identifiera befintliga nätverk för AT/BT-organisation som våra regioner deltar i och etablera en funktionell struktur för kommunikation med dessa arbetsgrupper"),
    ("Kartläggning av aktuell implementering av nationella rådets rekommendationer (2022:1) inom de Mellansvenska regionerna.",
     "Kartlägga om och i så fall hur förslagen i Nationella AT/BT-gruppens rapport (Nationella vårdkompetensrådet 2022:1) har implementerats i våra mellansvenska regioner."),
]  # fmt: skip

# (title, start, end, form, place, agenda): the seed's "Tidsplan - arbetsmöten".
ATBT_MEETINGS = [
    ("Digitalt möte", datetime(2022, 8, 24, 13, 0), datetime(2022, 8, 24, 14, 30), DIGITAL, "",
     "Bakgrund, input på uppdragsbeskrivningen"),
    ("Arbetsmöte", datetime(2022, 10, 13, 9, 30), datetime(2022, 10, 13, 15, 30), ON_SITE, "Uppsala",
     "Redovisning av regionernas arbete med AT i relation till nationella rekommendationer."),
    ("Digitalt möte", datetime(2022, 11, 29, 13, 0), datetime(2022, 11, 29, 15, 0), DIGITAL, "",
     "Genomgång av prel. rapport"),
]  # fmt: skip

ATBT_DONE = (
    "• Sammanställning pågår\n"
    "• Saknas en del underlag\n"
    "• Tidsplan bör ändå kunna hålla\n\n"
    "Ledning – styrning - organisation: Vilka krav och stödfunktioner finns kopplade till "
    "utbildningsuppdraget i regionerna?"
)
ATBT_NEXT = (
    "• Slutrapport i januari 2023 - konkreta förslag till åtgärder/områden som "
    "hindrar/underlättar genomströmning och påverkar utbildningskvalitet"
)
ATBT_ACTIVITIES = [
    "Följa den nationella arbetsgruppen för AT/BT",
    "Förbereda regional prioritering av AT/BT inför 2023",
]

# --- Förenade anställningar --------------------------------------------------------------------

FORENADE_MANDATE = (
    "Kartlägga befintliga typer av anställningar och ekonomiska modeller för förenade "
    "anställningar och andra typer av kombinationstjänster/samarbetsmodeller i kommuner och "
    "regioner"
)
FORENADE_MEMBERS = [
    Person("Monica Sävström", "Förhandlingschef", "Region Örebro län"),
    Person("Linda Holmér", "Tf förhandlingschef", "Region Västmanland"),
    Person("Nadia Eklöf", "Förvaltningsövergripande verksamhetschef", "Örebro kommun"),
    Person("Camilla Wennberg", "Bitr förhandlingschef", "Region Uppsala"),
    Person("Fredrik Almqvist", "HR", "Uppsala universitet"),
    Person("Therese Lindblad", "HR-partner", "Region Örebro län"),
]
FORENADE_DONE = (
    "• Gruppen har träffats tre gånger för arbetsdagar samt haft två digitala möten.\n"
    "• Inventering och sammanställning av befintliga lösningar för kombinationsanställningar "
    "har gjorts.\n"
    "• Inventering av olika villkor, hantering och administration av förenade anställningar "
    "har gjorts.\n"
    "• Förfrågan om användande av kombinationsanställningar och förenade anställningar har "
    "gjorts till fem utvalda kommuner. Örebro, Linköping, Västerås, Karlstad och Gävle\n"
    "• Diskussioner om problem och utmaningar utifrån verkliga fall och situationer."
)
FORENADE_CONCLUSIONS = (
    "• Alla huvudmän av de vi tittat närmare på hanterar förenade anställningar olika\n"
    "• Gemensamt för samtliga lösningar är att de upplevs som tunga att hantera, tidskrävande "
    "och rättsosäkra. Olika kollektivavtal, olika pensionssystem, olika personalsystem.\n"
    "• Förekomst och förutsättningar för förenade anställningar har förändrats över tid. Från "
    "att ha omfattat bara läkare behöver lösningar för andra grupper.\n"
    "• För att förenade anställningar ska vara en rättssäker och likvärdig modell behöver en "
    "nationell lösning finnas. En reglering / avtal behöver tecknas mellan centrala parter som "
    "löser hantering av villkorsfrågorna."
)
FORENADE_QUESTION = (
    "Hur påverkar regeringens uppdrag till utbildningsdepartementet om att se över hinder för "
    "mobilitet mellan högskolan och andra aktörer?"
)
FORENADE_ACTIVITY = "Möjliggöra förenade anställningar och andra typer av kombinationstjänster/samarbetsmodeller i kommuner och regioner"

# --- Intermediärvård ---------------------------------------------------------------------------

INTERMEDIAR_MANDATE = "Undersöka behov av utbildning inom intermediärvård"
INTERMEDIAR_DONE = (
    "Befintliga utbildningar\n"
    "• Karolinska Institutet – Omvårdnad inom intermediärvård 7.5 hp\n"
    "• Uppsala universitet – Omvårdnad inom postoperativ och kirurgisk intermediärvård 7.5 hp\n"
    "• Lunds universitet – Omvårdnad vid intermediärvård av vuxna 7.5 hp\n"
    "• Göteborgs universitet – Avancerad omvårdnad vid intermediärvård för vuxna 7.5 hp\n\n"
    "Omvärldsspaning - hur gör man idag?\n"
    "• Verksamhetsnära utbildningar med kombination av föreläsningar, scenarioträning, "
    "workshops och VSO på t ex IVA\n"
    "• Man skapar olika typer av upplägg som är skräddarsydda för den egna verksamheten, t ex "
    "neuro och thorax.\n"
    "• Inskolningsprogram som pågår i veckor-månader"
)
INTERMEDIAR_CONCLUSIONS = (
    "Definition av intermediärvård\n"
    "• Nationell arbetsgrupp inom kunskapsstyrning arbetar bl a med definition. Klart i "
    "december för remissförfarande efter årsskiftet.\n"
    "• Definitionen kommer ligga till grund arbetet med att utforma utbildning för vårdnivån.\n"
    "• Definitionen kan ev innebära förändring av det tidigare identifierade behovet"
)
INTERMEDIAR_NEXT = (
    "Identifiera behov av utbildning inom IMA-vård\n\n"
    "Work-shop\n"
    "• Förslag att planera en WS tillsammans med fortbildningsgruppen inom NVKR för att "
    "utgående från den framtagna definitionen identifiera behov av utbildning inom regioner och "
    "kommuner (maj 2023?)\n"
    "• Säkerställa geografisk spridning av inbjuda representanter (utses via det regionala "
    "vårdkompetensråden?)\n"
    "• Bjuda in personer från arbetsgruppens nätverk?\n\n"
    "Frågor att diskutera\n"
    "• Diskutera utbildningens innehåll och utformning\n"
    "• Målgrupp för utbildningen - Professionell spridning, såväl yrkesgrupper som specialitet\n"
    "• Identifiera vilka lärosäten som ska/kan ge utbildningen\n"
    "• Samverkan mellan lärosäten utifrån speciell kompetens\n\n"
    "Upplägg på utbildningen - förslag\n"
    "• Interprofessionell (ssk, usk, fysioterapeut kan examineras på olika nivåer)\n"
    "• Flexibla kursstarter (Fri start-fri fart)\n"
    "• Ska kunna ske på distans\n"
    "• Ska ligga i block\n"
    "• Teambaserat upplägg\n"
    "• Kunna vara kvar på sina arbetsplatser med stöd av lärosätena\n"
    "• Klinisk simulering på sin arbetsplats\n"
    "• Examineras verksamhetsnära, såväl teoretiskt som praktiskt\n"
    "• Samverkan mellan regioner – nyttja kompetens och resurser"
)
INTERMEDIAR_ACTIVITY = "Utbildning i intermediärvård för sjuksköterskor"

# --- Karriärmodeller ---------------------------------------------------------------------------

KARRIAR_PURPOSE = (
    "Kartlägga befintliga kompetensmodeller för att stärka karriär-/kompetensvägar i klinisk vård."
)
KARRIAR_ACTIVITY = "Kompetens/karriärvägar i klinisk vård, inkluderat specialistsjuksköterskor"
SURVEY_NOTE = f"Enkäten ”{CAREER_TITLE}” finns i portalen under rådets enkäter."

# The seed's "Aktiviteter" (Mål) with their sub-points (Aktivitet); the statuses are added.
KARRIAR_GOALS = [
    ("Möte SKR", "", DONE, ""),
    ("Kunskapssammanställning", "Rapporter, vetenskapliga studier – vad vet vi?", DONE, ""),
    ("Kartlägga befintliga nätverk", "", ONGOING, ""),
    ("Enkät", "Original SKRs enkät + egna frågor", ONGOING,
     f"{SURVEY_NOTE} Skickad till regionerna, ett urval kommuner och lärosätena."),
    ("Synpunkter på enkäten", "Regioner, kommuner, lärosäten", DONE, ""),
    ("Sammanställa resultat", "", NOT_STARTED, SURVEY_NOTE),
    ("Sammanställa rapport", "", NOT_STARTED, ""),
    ("Workshop", "", NOT_STARTED, ""),
]  # fmt: skip

# Council members already in the demo (by e-mail local part) and the two logins; added.
KARRIAR_MEMBERS = [
    ("helena.lindqvist", CONVENOR),
    ("ingrid.sandberg", MEMBER),
    ("birgitta.oberg", MEMBER),
    ("sammankallande", MEMBER),
    ("gruppmedlem", MEMBER),
]
KARRIAR_PAST_AGENDA = "1. Synpunkter på enkäten från regioner, kommuner och lärosäten\n2. Utskick av enkäten\n3. Kartläggning av befintliga nätverk"
KARRIAR_PAST_MINUTES = (
    "Synpunkter på enkäten från regioner, kommuner och lärosäten har arbetats in. "
    f"Enkäten ”{CAREER_TITLE}” är utskickad till regionerna, ett urval kommuner och "
    "lärosätena.\nKartläggningen av befintliga nätverk fortsätter till nästa möte."
)
KARRIAR_NEXT_AGENDA = "1. Första svaren på enkäten\n2. Kartläggning av befintliga nätverk\n3. Planering av workshop\n4. Lägesrapport till rådet"
