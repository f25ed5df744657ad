"""Demo activity plans: Mellansverige's Aktivitetsplan 2022 as the seed gives it (every activity
with the consolidated version's columns, the discussion groups' remarks as notes, four
activities raised to the national council), its copy to 2023, and a smaller 2022 plan for each
of the five other regional councils so the national roll-up has six columns.

Idempotent: a plan that already exists for a council and year is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from councils.models import Council, User

from . import quarters, services
from .catalogue import national_focus_areas_load
from .models import Activity, ActivityPlan, FocusArea, NationalRaise

G, Y, R = Activity.Priority.GREEN, Activity.Priority.YELLOW, Activity.Priority.RED
NOT_STARTED, ONGOING, DONE, PAUSED = (
    Activity.Progress.NOT_STARTED, Activity.Progress.ONGOING,
    Activity.Progress.DONE, Activity.Progress.PAUSED,
)  # fmt: skip

FOLLOW_UP = "Löpande rapportering till arbetsutskottet och en årlig skriftlig rapport"
NATIONAL_USER = "nationell@nvkr.example.se"
VFU, FORTBILDNING, FORSKNING, NARA_VARD, ATBT = (
    "VFU", "Fortbildning", "Klinisk forskning", "God och nära vård", "AT/BT",
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One activity of a demo plan; `responsible` is an e-mail local part at the council's
    demo domain, `raised` the motivation when it is raised to the national council."""

    area: str
    title: str
    implementation: str = ""
    timeline: str = ""
    content: str = ""
    priority: str = Activity.Priority.UNSET
    progress: str = NOT_STARTED
    follow_up: str = FOLLOW_UP
    responsible: str = ""
    raised: str = ""


MELLANSVERIGE_INTRO = (
    "Regionalt vårdkompetensråd Mellansverige fokuserar sitt arbete inom fyra fokusområden. "
    "Fokusområden baseras på de frågor rådet ser som prioriterade. Några av områdena har koppling "
    "till de arbetsgrupper Nationella vårdkompetensrådet tillsatt. Till varje fokusområde kopplas "
    "aktiviteter och arbetsgrupper formeras vid behov. Arbetsgrupperna ska ha representation från "
    "alla berörda parter och bidra till att utveckla respektive område lokalt, regionalt och "
    "nationellt.\n\n"
    "Följande fokusområden prioriteras 2022: Verksamhetsförlagd utbildning (VFU), Fortbildning, "
    "Stimulera och integrera klinisk forskning samt God och nära vård. För AT/BT finns en "
    "arbetsgrupp nationellt; området prioriteras mer regionalt 2023.\n\n"
    "Aktiviteterna är prioriterade: grönt för de aktiviteter som har högst prio och måste ske "
    "2022, gult för de näst viktigaste (bra om 2022 men ok även 2023) och rött för de som klarar "
    "att vänta till 2023."
)

# (focus area short name, the plan's note on it), in the plan's order.
MELLANSVERIGE_AREAS = [
    (VFU, "Alla jobbar med frågan"),
    (FORTBILDNING, "Organiseras under karriärstegar/modeller – karriärvägarna är skelettet"),
    (FORSKNING, ""),
    (NARA_VARD, "Lyft till nationell nivå"),
    (ATBT, "Nationell arbetsgrupp 2022, regional prio 2023"),
]

UTLANDSUTBILDADE = "Utveckla lärosätenas uppdrag för gruppen utlandsutbildade läkare"
FORSKARSKOLOR = "Utveckla nationella forskarskolor för framtida vårdkompetens"
VFU_NATIONELLT = "Nationell nivå: IT-system VFU / Avtal VFU"
NARA_VARD_KOMPETENS = "Stärka kompetensförsörjningen relaterat till God och nära vård"
HANDLEDARUTBILDNING = "Inventera och utveckla handledarutbildning för VFU både inom hälso- och sjukvården och tandvården"
SAMORDNA_VFU = (
    "Samordna arbetet med det gemensamma utbildningsuppdraget (VFU) för alla relevanta utbildningar"
)
KARTLAGGNING_HANDLEDNING = "Kartläggning av handledarutbildningar och handledningsmodeller"
INTERMEDIARVARD = "Utbildning i intermediärvård för sjuksköterskor"
KARRIARVAGAR = "Kompetens/karriärvägar i klinisk vård, inkluderat specialistsjuksköterskor"
INTRODUKTIONSAR = "Introduktionsår/etableringsår"
PRIMARKOMMUNAL = (
    "Inventera behov av utbildningar för den primärkommunala hälso- och sjukvårdssektorn"
)
TANDVARD_SPECIALIST = "Specialistutbildning tandvård"
UNDERSKOTERSKOR = "Kompetensförsörjning undersköterskor"
FORENADE = "Möjliggöra förenade anställningar och andra typer av kombinationstjänster/samarbetsmodeller i kommuner och regioner"
AKADEMISKA = "Öka kunskapen om de olika akademiska anställningsformerna"
KRITISKA = "Definiera kritiska kompetenser"
BEHOVSANALYS = "Gemensam modell för behovsanalyser och prognoser tillsammans med kommunerna"

# Every activity of the seed in its focus area and order, columns from the consolidated version.
MELLANSVERIGE_2022 = [
    Row(VFU, SAMORDNA_VFU, "Arbetsgrupp", "2022", "Både en fråga om samverkan inom region, mellan regioner och hur vi skapar en struktur som fungerar ur ett kommunperspektiv för samtliga professioner? Hur ser det ut med avtal?\nBehövs flera arbetsgrupper? Prioritera de mest kritiska yrkesgrupperna? Koppla samman med kraftigt ökande behovet av platser för undersköterskor, vårdbiträden.\nVad ska VFU tillföra? Pedagogik, fördelning lärosäte, klinisk miljö, resor, uppehälle annan ort etc. Mål EU, UKÄ.\nHur får vi till fler VFU-platser och ökad kvalitet i VFU? Lärosätena behöver ta ansvar för innehåll och nya former.", G, ONGOING, "Löpande rapportering till arbetsutskottet och en årlig skriftlig rapport. Redovisa delaktiviteter.", "anders.blom"),
    Row(VFU, VFU_NATIONELLT, "Underlag till nationell nivå", "Q2 2022", "Nationell nivå: IT-system för VFU.\nNationell nivå: avtal VFU region–lärosäten och avtal VFU kommun–lärosäten.", Y, ONGOING, "Återkoppling från Nationella vårdkompetensrådet; avstämning i arbetsutskottet", "", "Nationell nivå: ett gemensamt IT-system för VFU och nationella avtal för VFU mellan regioner och lärosäten respektive kommuner och lärosäten. Underlag till nationell nivå."),
    Row(VFU, HANDLEDARUTBILDNING, "Arbetsgrupp", "Q2-4 2022", "Kartlägga befintliga handledningsmodeller och utbildningar, koppla till forskningen.\nSkapa en gemensam bild av vad VFU ska innehålla.", G, ONGOING, FOLLOW_UP, "ingrid.sandberg"),
    Row(VFU, KARTLAGGNING_HANDLEDNING, "Sekretariatet", "Q1-2 2022", "Kartläggning av handledarutbildningar och handledningsmodeller i regionen.", Y, DONE, "Sammanställning till arbetsutskottet i juni"),
    Row(VFU, "Säkerställ kvaliteten i de VFU-platser som finns", "Arbetsgrupp", "Q3-4 2022", "Analysera problematiken: handledarkapacitet/kvalitet/förberedelser/efterarbete.\nSynliggöra handledarskapet, skapa förutsättningar.", Y, NOT_STARTED),
    Row(VFU, "Kartlägga ersättningsmodeller till VFU-anordnare", "Sekretariatet", "2023", "", R, NOT_STARTED),
    Row(VFU, "Etablera arbetsgrupp", "Arbetsutskottet", "Q1 2022", "Arbetsgrupp för VFU med representation från regioner, kommuner och lärosäten.", G, DONE, "Mandat och sammansättning fastställs av rådet"),
    Row(FORTBILDNING, INTERMEDIARVARD, "Arbetsgrupp", "Q2-3 2022", "Vad innebär detta på regional nivå?\nUndersöka intresset i Mellansverige.", Y, DONE),
    Row(FORTBILDNING, KARRIARVAGAR, "Arbetsgrupp", "2022", "Att kartlägga/sammanställa modeller för att stärka karriär-/kompetensvägar i klinisk vård, framåtsyftande och främjar rekrytering både inom regioner och kommuner, att det finns möjlighet att gå en forskarutbildning och kunna stanna kvar i yrket.\nKartlägga behoven inom kommunerna.", G, ONGOING, FOLLOW_UP, "helena.lindqvist"),
    Row(FORTBILDNING, INTRODUKTIONSAR, "Arbetsgrupp", "Q3-4 2022", "Introduktionsår/etableringsår för att stärka viljan att stanna längre på ett ställe, ger bättre lärande och större stabilitet för patienter.\nKartlägga vilka modeller som finns idag, dela goda exempel. Utreda personalomsättning utifrån tid i yrket (HR?). Forskning finns på sjuksköterskor och introduktionsår, även för fler yrken finns det forskning.\nVilket fokusområde passar detta bäst inom?", Y, ONGOING),
    Row(FORTBILDNING, PRIMARKOMMUNAL, "", "Q4 2022", "Möjliggöra livslångt lärande, utbildning inom vissa områden, förbättra befintligt system, ta vara på ny teknik i utbildningarna och möjligheten att utbilda på distans och fördelning av var utbildning sker.\nModuler som går att bygga till något större. Flexibilitet.", Y, NOT_STARTED, FOLLOW_UP, "eva.hedlund"),
    Row(FORTBILDNING, UTLANDSUTBILDADE, "Nationellt", "Q2 2022", "Lyfta till nationella vårdkompetensrådet.\nEx. behov av fler utbildningsplatser på de kompletterande utbildningarna och preparandutbildning inför kunskapsprov.", Y, ONGOING, "Återkoppling från Nationella vårdkompetensrådet", "", "Lyfta till nationella vårdkompetensrådet. Behov av fler utbildningsplatser på de kompletterande utbildningarna och preparandutbildning inför kunskapsprov; UKÄ och UHR berörs."),
    Row(FORTBILDNING, TANDVARD_SPECIALIST, "", "2023", "", R, PAUSED, FOLLOW_UP, "per.holmgren"),
    Row(FORTBILDNING, UNDERSKOTERSKOR, "Hanteras nationellt", "2023", "Certifieringar, specialistundersköterska.\nKoppla samman med utbildning för den primärkommunala hälso- och sjukvårdssektorn; karriärväg även för undersköterskor.", R, PAUSED),
    Row(FORSKNING, FORENADE, "Arbetsgrupp", "2022", "Att ta fram en hållbar struktur för förenade anställningar och andra typer av kombinationstjänster/samarbetsmodeller i kommuner och regioner.\nKartlägga befintliga typer av anställningar och ekonomiska modeller.\nSka även andra kombinationer såsom klinisk verksamhet och undervisning ingå?", G, ONGOING, FOLLOW_UP, "lars.nystrom"),
    Row(FORSKNING, FORSKARSKOLOR, "Nationellt", "2022", "Viktigt.\nÄven regionalt: kartlägga vad som finns idag.", G, ONGOING, FOLLOW_UP, "birgitta.oberg", "Markerad ”Nationellt” i planen. Forskarskolor för framtida vårdkompetens behöver samordnas nationellt; regionalt kartläggs vad som finns idag."),
    Row(FORSKNING, AKADEMISKA, "", "Q3-4 2022", "Öka kunskap kring akademisk meritering och de olika akademiska anställningsformerna, även i kommunerna.", Y, NOT_STARTED),
    Row(NARA_VARD, NARA_VARD_KOMPETENS, "Arbetsgrupp", "2022", "Hur ser framtidens vård ut? Teknik, omvärld, vårdbehov, kompetensbehov.\nFramtidsspaning, framtida kompetenser utifrån vårdens behov.\nKompetensförsörjning ur perspektiv god och nära vård. Ta fram en samlad bild under 2022.", G, ONGOING, FOLLOW_UP, "cecilia.ekman", "Fokusområdet God och nära vård lyfts till nationell nivå: en samlad nationell bild av kompetensförsörjningen för omställningen behövs, med framtidsspaning och behovsanalys."),
    Row(NARA_VARD, KRITISKA, "Arbetsgrupp", "Q2-4 2022", "Ta fram, analysera och prognosticera behov av kompetenser och vilka utbildningar som behövs, ex. specialisering (finns arbetsgrupp Vårdkompetens inom Sveriges universitets- och högskoleförbund, SUHF), IVA, OP, röntgen med flera.\nÄven demografi och rekryteringsbas.", Y, ONGOING),
    Row(NARA_VARD, BEHOVSANALYS, "", "2023", "För att bättre kunna beskriva behovet och därmed bli bättre beställare.", R, NOT_STARTED),
    Row(NARA_VARD, "Möta tandvårdens behov av kompetens", "", "2023", "", R, NOT_STARTED),
    Row(ATBT, "Följa den nationella arbetsgruppen för AT/BT", "Arbetsutskottet", "2022", "Nationell arbetsgrupp för AT/BT finns 2022. Rådet följer arbetet och för ut resultaten till regionerna i Mellansverige.", Y, DONE, "Återrapportering till rådet vid varje möte"),
    Row(ATBT, "Förbereda regional prioritering av AT/BT inför 2023", "Arbetsutskottet", "Q4 2022", "Utifrån den nationella arbetsgruppens resultat: vad ska rådet driva regionalt 2023? Tillgång till AT- och BT-placeringar i hela sjukvårdsregionen.", R, NOT_STARTED, "Förslag till aktivitetsplan 2023"),
]  # fmt: skip

HANS, MARIA, AU = "Grupp Hans", "Grupp Maria", "Arbetsutskottet"

# (activity title, group, remark): the groups' remarks in the seed, in its order.
MELLANSVERIGE_NOTES = [
    (HANDLEDARUTBILDNING, HANS, "Nationell VFU/Handledningskonferens"),
    (KARTLAGGNING_HANDLEDNING, HANS, "Nationell modell?"),
    (INTERMEDIARVARD, HANS, "Definiera begreppet – ingår i att definiera behovet."),
    (UNDERSKOTERSKOR, HANS, "SOU 14 januari-21 (U 2021/00256). Bevaka utfall."),
    (FORENADE, HANS, "Måste delvis lösas ut på nationell nivå, t.ex. pensionssystem."),
    (BEHOVSANALYS, HANS, "Se på modellen från Region Gävleborg."),
    (BEHOVSANALYS, HANS, "Bygg på erfarenheter från pandemin."),
    (HANDLEDARUTBILDNING, MARIA, "Diskutera sig fram till en samsyn så vi kan lösa det."),
    (HANDLEDARUTBILDNING, MARIA, "Där studenter inte finns idag."),
    (HANDLEDARUTBILDNING, MARIA, "Problembild – flaskhalsar. Studenterna skall nå sina mål för att kunna ta examen."),
    (HANDLEDARUTBILDNING, MARIA, "I Uppsala finns en grupp i samverkan hur detta kan lösas. Enhet för kliniska placeringar sammanhållet med region och kommun."),
    (HANDLEDARUTBILDNING, MARIA, "Risk att vi konstlar till det. (Mattias)"),
    (HANDLEDARUTBILDNING, MARIA, "Kartläggning/nulägesanalys – se det som en gemensam angelägenhet."),
    (HANDLEDARUTBILDNING, MARIA, "Viktigt att vara i vårdmiljö och hur kan man förbereda bättre. IPL – hur kan vi utveckla detta?"),
    (HANDLEDARUTBILDNING, MARIA, "Peer learning. Pedagogiska modeller för VFU."),
    (HANDLEDARUTBILDNING, MARIA, "Våra olika huvudmän vill ha lätta lösningar."),
    (INTERMEDIARVARD, MARIA, "Svår att greppa – grundutbildade går en kortare utbildning. Specialistsjuksköterskor?"),
    (KARRIARVAGAR, MARIA, "Grunden – fortbildningen organiseras under karriärstegar/modeller."),
    (INTRODUKTIONSAR, MARIA, "Lyftas till VFU-gruppen"),
    (INTRODUKTIONSAR, MARIA, "För få VFU-veckor – ökar behovet av introduktionsår"),
    (INTRODUKTIONSAR, MARIA, "Stärka den kliniska kompetensen – hur? Introduktion och etableringsfas i stället för år."),
    (PRIMARKOMMUNAL, MARIA, "Nära vård"),
    (UTLANDSUTBILDADE, MARIA, "Lyfta till nationella vårdkompetensrådet, UKÄ och UHR till detta. Kunskapsprov för dem som utbildats utanför EU."),
    (UNDERSKOTERSKOR, MARIA, "Stor utmaning att bygga baskompetens – kommuner. Vilken kompetens behövs som bas? Samlad kompetens. Nära vård."),
    (FORENADE, MARIA, "Ha luckor i aktivitetslistan så det blir luckor beroende på vad som kommer från nationellt håll."),
    (FORSKARSKOLOR, MARIA, "Inventera forskarskolor"),
    (FORSKARSKOLOR, MARIA, "Det finns många samarbeten kring detta område. Forskarutbildningens/forskares påverkan på kompetensförsörjningen."),
    (FORSKARSKOLOR, MARIA, "Kommunerna och de små behöver samordna inom detta område. Helt olika förutsättningar – samordning behövs. Vad kan göras gemensamt?"),
    (FORSKARSKOLOR, MARIA, "Hur kan vi frigöra resurser för strategisk forskning – styra upp utifrån behov (Dalarna). Ny riktning. Smart specialisering."),
    (AKADEMISKA, MARIA, "Öka kunskap kring akademisk meritering. Avsaknad av kompetens inom området i kommunerna – kan detta vara ett sätt att stimulera? Sätta strategi och mål."),
    (AKADEMISKA, MARIA, "Lönebildningen lyfts här som ett hinder. Idé om lönesättning."),
    (AKADEMISKA, MARIA, "Det ser väldigt olika ut (UU). Förenade anställningar med RU. Samarbetet med kommunerna lyfts även här gällande tjänster."),
    (NARA_VARD_KOMPETENS, MARIA, "Tänk på långa tider – viktigt med samverkan med utbildningsanordnare."),
    (NARA_VARD_KOMPETENS, MARIA, "Följeforskning"),
    (KRITISKA, MARIA, "Internationell och nationell utblick"),
    (BEHOVSANALYS, MARIA, "Viktigt att ge utrymme för kommande uppdrag."),
    (KARRIARVAGAR, AU, "En del kan vara differentierade tjänster, delade eller adjungerade tjänster."),
    (PRIMARKOMMUNAL, AU, "Stärka samverkan mellan region och kommun? Starta på lokal nivå. Koppla God och Nära vård, flytta till fokusområde G o N"),
    (TANDVARD_SPECIALIST, AU, "Kolla med Västmanland"),
    (UNDERSKOTERSKOR, AU, "Hanteras inom ramen för vård- och omsorgscollege nationellt"),
    (NARA_VARD_KOMPETENS, AU, "En aktivitet av alla tre"),
    (NARA_VARD_KOMPETENS, AU, "Pågår inom ramen för God och Nära vård? Behovsanalys på regional nivå?"),
]  # fmt: skip

# (activity title, status, answer): how far the national council has come with each raise.
NATIONAL_HANDLING = [
    (UTLANDSUTBILDADE, NationalRaise.Status.ANSWERED, "Nationella vårdkompetensrådet tar upp behovet av fler platser på de kompletterande utbildningarna och preparandutbildningen inför kunskapsprovet i dialogen med UKÄ och UHR och i rådets rapport 2022. Återkoppling till de regionala råden under 2023."),
    (FORSKARSKOLOR, NationalRaise.Status.IN_PROGRESS, ""),
    (VFU_NATIONELLT, NationalRaise.Status.RECEIVED, ""),
]  # fmt: skip

# The other regional councils: (slug, intro, adopted on, focus areas, activities).
OTHER_PLANS = [
    ("norra", "Norra sjukvårdsregionens vårdkompetensråd prioriterar 2022 kompetensförsörjningen i glesbygd: VFU och fortbildning på distans och en nära vård i hela regionen.", date(2022, 2, 17), [VFU, FORTBILDNING, NARA_VARD, ATBT], [
        Row(VFU, "Regional VFU-samordning i glesbygd", "Arbetsgrupp", "2022", "Fler VFU-platser utanför universitetsorterna; boende och resor för studenter.", G, ONGOING, FOLLOW_UP, "robert.isaksson"),
        Row(VFU, "Gemensam handledarutbildning", "Umeå universitet", "Q1-2 2022", "En gemensam webbaserad handledarutbildning för regionerna och kommunerna.", Y, DONE),
        Row(FORTBILDNING, "Distansbaserad fortbildning för sjuksköterskor i kommunerna", "Arbetsgrupp", "Q3-4 2022", "Moduler på distans som kan byggas ihop till högskolepoäng.", G, ONGOING),
        Row(FORTBILDNING, "Karriärvägar för specialistsjuksköterskor", "", "2023", "", Y, NOT_STARTED),
        Row(NARA_VARD, "Kompetensförsörjning i glesbygd – nära vård på distans", "Arbetsgrupp", "2022", "Digitala vårdmöten och delade tjänster mellan kommun och region.", G, ONGOING, FOLLOW_UP, "", "Glesbygdens kompetensförsörjning kräver nationellt stöd för distansöverbryggande utbildning och VFU; frågan kan inte lösas inom en sjukvårdsregion."),
        Row(ATBT, "AT/BT-placeringar i hela sjukvårdsregionen", "", "2023", "Följ den nationella arbetsgruppen och planera BT-placeringar i primärvården.", R, NOT_STARTED),
    ]),
    ("stockholm-gotland", "Rådet för Stockholm–Gotland samlar 2022 arbetet kring VFU-platser, kliniska kombinationstjänster och omställningen till nära vård.", date(2022, 3, 10), [VFU, FORSKNING, NARA_VARD], [
        Row(VFU, "Gemensam VFU-portal för regionen och lärosätena", "Region Stockholm", "2022", "En väg in för lärosätenas beställningar av VFU-platser.", G, ONGOING, FOLLOW_UP, "camilla.hagg"),
        Row(VFU, "VFU-platser på Gotland", "Arbetsgrupp", "Q2-3 2022", "Studentboende och handledning på Gotland.", Y, PAUSED),
        Row(FORSKNING, "Förenade anställningar i kommuner", "Karolinska Institutet", "2022", "Pilot med förenade anställningar för sjuksköterskor i två kommuner.", G, ONGOING),
        Row(FORSKNING, "Forskningsnoder i primärvården", "", "2023", "", R, NOT_STARTED),
        Row(NARA_VARD, "Kompetensplan för omställningen till nära vård", "Arbetsgrupp", "Q1-2 2022", "Kompetensbehov i primärvården och den kommunala hälso- och sjukvården.", Y, DONE),
    ]),
    ("sydostra", "Sydöstra sjukvårdsregionens råd arbetar 2022 med VFU, fortbildning, klinisk forskning och AT/BT.", date(2022, 2, 24), [VFU, FORTBILDNING, FORSKNING, ATBT], [
        Row(VFU, "Regional VFU-samordning", "Arbetsgrupp", "Q1-2 2022", "Gemensam fördelning av VFU-platser mellan de tre regionerna.", G, DONE, FOLLOW_UP, "fredrik.sund"),
        Row(VFU, "Handledarutbildning för kommunal hälso- och sjukvård", "Linköpings universitet", "Q3-4 2022", "", G, ONGOING),
        Row(FORTBILDNING, "Specialistundersköterskor – regional utbildningsplan", "Arbetsgrupp", "2022", "Vilka specialistinriktningar behövs och var ska de ges?", Y, ONGOING),
        Row(FORTBILDNING, "Karriärvägar för specialistsjuksköterskor", "", "Q4 2022", "", G, NOT_STARTED),
        Row(FORTBILDNING, "Introduktionsprogram för nyutexaminerade", "Arbetsgrupp", "Q1-2 2022", "Gemensam struktur för introduktion första yrkesåret.", Y, DONE),
        Row(FORSKNING, "Kliniska forskarskolor för sjuksköterskor", "Linköpings universitet", "2022", "", Y, ONGOING),
        Row(ATBT, "BT-samordning mellan regionerna", "", "2023", "", R, PAUSED),
    ]),
    ("vastra", "Västra sjukvårdsregionens råd prioriterar 2022 dimensioneringen av VFU och kompetensutvecklingen i den kommunala hälso- och sjukvården.", date(2022, 3, 3), [VFU, FORTBILDNING, NARA_VARD], [
        Row(VFU, "Dimensionering av VFU-platser", "Arbetsgrupp", "2022", "Behov av VFU-platser per utbildning och termin, jämfört med antagningen.", G, ONGOING, FOLLOW_UP, "jenny.alm", "Dimensioneringen av VFU-platser beror på nationella beslut om utbildningsplatser; samordning mellan UKÄ, lärosätena och huvudmännen behövs nationellt."),
        Row(VFU, "Gemensam handledarutbildning", "Göteborgs universitet", "Q1-2 2022", "", Y, DONE),
        Row(FORTBILDNING, "Kompetensutveckling i kommunal hälso- och sjukvård", "Arbetsgrupp", "Q2-4 2022", "Inventering av behoven i kommunerna och gemensamma uppdragsutbildningar.", G, ONGOING),
        Row(FORTBILDNING, "Utlandsutbildad personal – språk och kompletteringsvägar", "", "2023", "", Y, NOT_STARTED),
        Row(NARA_VARD, "Nära vård – gemensam behovsanalys med kommunerna", "Arbetsgrupp", "2022", "", G, ONGOING),
        Row(NARA_VARD, "Digital kompetens i nära vård", "", "2023", "", R, NOT_STARTED),
    ]),
    ("sodra", "Södra sjukvårdsregionens råd arbetar 2022 med VFU i kommunerna, kombinationstjänster, nära vård och uppföljningen av AT/BT.", date(2022, 2, 10), [VFU, FORSKNING, NARA_VARD, ATBT], [
        Row(VFU, "VFU i kommunal vård och omsorg", "Arbetsgrupp", "2022", "", Y, ONGOING, FOLLOW_UP, "petra.malm"),
        Row(FORSKNING, "Förenade anställningar i kommuner", "Lunds universitet", "2022", "Modell för förenade anställningar för sjuksköterskor och fysioterapeuter.", G, ONGOING),
        Row(FORSKNING, "Gemensam struktur för kombinationstjänster", "", "Q4 2022", "", Y, NOT_STARTED),
        Row(NARA_VARD, "Primärvårdens kompetensbehov i nära vård", "Arbetsgrupp", "Q1-3 2022", "", G, DONE),
        Row(ATBT, "Regional uppföljning av AT/BT-rekommendationerna", "Arbetsutskottet", "Q3-4 2022", "", Y, ONGOING),
    ]),
]  # fmt: skip


def _focus_area(short_name: str) -> FocusArea:
    return FocusArea.objects.get(council=None, short_name=short_name)


def _activity_add(plan: ActivityPlan, row: Row, domain: str) -> Activity:
    """Create one activity from its row, and raise it when the row has a motivation."""
    # The seed's Tidplan ("Q3-4 2022", "2022") is the quarters; only other text is a comment.
    start, end = quarters.from_text(row.timeline)
    responsible = User.objects.get(email=f"{row.responsible}@{domain}") if row.responsible else None
    activity = services.activity_create(
        plan=plan,
        focus_area=_focus_area(row.area),
        title=row.title,
        implementation=row.implementation,
        timeline="" if start else row.timeline,
        start_quarter=start,
        end_quarter=end,
        content=row.content,
        follow_up=row.follow_up,
        priority=row.priority,
        progress=row.progress,
        responsible=responsible,
    )
    if row.raised:
        secretariat = User.objects.get(email=f"sekretariat@{domain}")
        services.activity_raise_to_national(
            activity=activity, motivation=row.raised, user=secretariat
        )
    return activity


def _plan_build(
    council: Council, intro: str, adopted_on: date, areas: list[tuple[str, str]], rows: list[Row]
) -> ActivityPlan:
    """An adopted 2022 plan with its focus areas (and their notes) and activities."""
    focus_areas = [_focus_area(short_name) for short_name, _ in areas]
    plan = services.plan_create(council=council, year=2022, intro=intro, focus_areas=focus_areas)
    services.plan_update(
        plan=plan,
        intro=intro,
        status=ActivityPlan.Status.ADOPTED,
        adopted_on=adopted_on,
        notes={area.pk: note for area, (_, note) in zip(focus_areas, areas, strict=True)},
    )
    domain = f"{council.slug}.example.se"
    for row in rows:
        _activity_add(plan, row, domain)
    return plan


def _mellansverige_2022(council: Council) -> ActivityPlan:
    """The seed's plan, the groups' remarks and the national council's handling of the raises."""
    plan = _plan_build(
        council, MELLANSVERIGE_INTRO, date(2022, 3, 4), MELLANSVERIGE_AREAS, MELLANSVERIGE_2022
    )
    by_title = {activity.title: activity for activity in plan.activities.all()}
    for title, group, text in MELLANSVERIGE_NOTES:
        services.activity_note_add(activity=by_title[title], text=text, group_name=group)
    national = User.objects.get(email=NATIONAL_USER)
    for title, status, answer in NATIONAL_HANDLING:
        services.national_raise_answer(
            raised=by_title[title].national_raise, status=status, answer=answer, user=national
        )
    return plan


@transaction.atomic
def demo_load() -> None:
    """Create the demo activity plans that do not exist yet."""
    national_focus_areas_load(FocusArea)
    mellansverige = Council.objects.get(slug="mellansverige")
    plan_2022 = ActivityPlan.objects.filter(council=mellansverige, year=2022).first()
    if plan_2022 is None:
        plan_2022 = _mellansverige_2022(mellansverige)
    if not ActivityPlan.objects.filter(council=mellansverige, year=2023).exists():
        services.plan_copy_to_next_year(plan=plan_2022)
    for slug, intro, adopted_on, short_names, rows in OTHER_PLANS:
        council = Council.objects.get(slug=slug)
        if not ActivityPlan.objects.filter(council=council, year=2022).exists():
            _plan_build(council, intro, adopted_on, [(name, "") for name in short_names], rows)
