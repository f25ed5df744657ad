"""What the demo's regions and councils have written about the March 2022 report.

Fictitious but plausible: what a region's HR or FoU department would write in a follow-up,
in a sentence or two. Identifiers are the report's ("4.10"); statuses the follow-up's codes.
"""

from __future__ import annotations

from datetime import date

N, P, O, D, X = "ej_paborjad", "planerad", "pagar", "genomford", "ej_aktuell"

PUBLICATION_KEY = "nvkr-2022-03-pandemin"

DALARNA, GAVLEBORG, SORMLAND, UPPSALA = (
    "Region Dalarna", "Region Gävleborg", "Region Sörmland", "Region Uppsala",
)  # fmt: skip
VARMLAND, VASTMANLAND, OREBRO = "Region Värmland", "Region Västmanland", "Region Örebro län"

# Mellansverige's seven regions, in the columns of MELLANSVERIGE_REGIONS below.
REGIONS = [DALARNA, GAVLEBORG, SORMLAND, UPPSALA, VARMLAND, VASTMANLAND, OREBRO]
# These three answer the follow-up round; the council records the other four itself.
ROUND_REGIONS = [GAVLEBORG, UPPSALA, VARMLAND]

# Per recommendation to the regions, (status, what has been done) per region in REGIONS'
# order. For the round's regions this is their answer in the survey.
MELLANSVERIGE_REGIONS: dict[str, list[tuple[str, str]]] = {
    "1.2": [
        (O, "Innovationsslussen tar emot idéer från medarbetarna; ett tjugotal idéer har testats i verksamheterna sedan 2023."),
        (O, "Förbättringsledare utbildas i alla förvaltningar och idéer hanteras i ett gemensamt system sedan 2024."),
        (P, "En plan för verksamhetsnära innovationsstöd tas fram under 2026."),
        (D, "Innovationsstöd och testbädd vid Akademiska sjukhuset är öppna för alla verksamheter."),
        (O, "Nätverk för arbetsplatsnära förbättringsarbete startat i primärvården."),
        (N, ""),
        (O, "Innovationsfonden för medarbetarnas idéer har utlysning två gånger per år."),
    ],
    "1.3": [
        (O, "Ledarutvecklingsprogram för första linjens chefer startat 2023; två kullar har gått programmet."),
        (O, "Översyn av chefsuppdraget med fokus på närvaro i verksamheten pågår."),
        (D, "Nytt chefsprogram med närvarande ledarskap som tema infört för alla nya chefer."),
        (O, "Ledarskapsprogram för första linjens chefer; effekten följs upp i medarbetarenkäten."),
        (P, "Ledarskapsprogram för första linjens chefer planeras till 2027."),
        (O, "Chefsnätverk i varje förvaltning och mentorprogram för nya chefer."),
        (D, "Ledarskapsprinciper antagna 2024 och införda i introduktionen för nya chefer."),
    ],
    "1.4": [
        (O, "Ny mall för medarbetarsamtal där motivation och utvecklingsönskemål tas upp."),
        (P, "Ska ingå i den nya kompetensförsörjningsplanen."),
        (O, "Arbetsplatsträffar med en stående punkt om förbättringsidéer."),
        (O, ""),
        (O, "Medarbetarenkät vartannat år; resultaten följs upp med handlingsplaner på varje enhet."),
        (N, ""),
        (O, "Dialogmodell för verksamhetsutveckling tillsammans med professionerna införd på två sjukhus."),
    ],
    "1.5": [
        (P, "Kartläggning av administrativa krav i det vårdnära arbetet planeras med start 2027."),
        (O, "Projekt för att minska dokumentationsbördan i journalen, bland annat med taligenkänning."),
        (O, "Översyn av interna rapporteringskrav; ett tiotal återkommande rapporter har tagits bort."),
        (O, "Administrativt stöd med vårdadministratörer förstärkt på vårdavdelningarna."),
        (N, ""),
        (P, ""),
        (O, "Tillitsbaserad styrning är en del av regionens styrmodell sedan 2025."),
    ],
    "1.6": [
        (N, ""),
        (P, "Ingår i utvecklingen av ledningsgrupperna på enhetsnivå."),
        (O, "Professionsråd för sjuksköterskor och läkare knutna till förvaltningsledningen."),
        (O, "Förbättringsteam med flera professioner på vårdavdelningarna."),
        (P, ""),
        (O, "Processledare samordnar förbättringsarbetet i de medicinska processerna."),
        (D, "Lokala förbättringsteam med alla professioner i samtliga verksamhetsområden."),
    ],
    "2.2": [
        (O, "Riktvärde om högst 35 medarbetare per chef; enheterna organiseras om stegvis."),
        (P, "Analys av chefernas personalansvar genomförs 2027."),
        (D, "Riktlinje om högst 30–35 medarbetare per chef antagen 2024."),
        (O, "Biträdande enhetschefer införs på de största enheterna."),
        (O, "Antalet medarbetare per chef följs upp årligen i personalbokslutet."),
        (N, ""),
        (O, "Delat ledarskap prövas på fem enheter med fler än 50 medarbetare."),
    ],
    "2.3": [
        (D, "Chefsstöd med HR-, ekonomi- och administrativ partner för varje chef."),
        (O, "Nytt chefsstöd inom HR och ekonomi införs stegvis."),
        (O, "Administrativa assistenter till enhetscheferna i slutenvården."),
        (D, "Samlat chefsstöd med en ingång (chefsservice) sedan 2024."),
        (O, ""),
        (P, "Översyn av chefsstödet ingår i verksamhetsplanen för 2027."),
        (D, "Gemensamt chefsstöd från HR, ekonomi och kommunikation infört 2023."),
    ],
    "2.4": [
        (O, "Chefsutbildningen anpassas efter verksamheten; gemensamma moduler med länets kommuner planeras."),
        (O, "Gemensam ledarskapsutbildning med länets kommuner inom nära vård."),
        (P, ""),
        (O, "Chefsutbildningen har reviderats utifrån verksamheternas behov."),
        (D, "Chefsprogram med moduler anpassade efter verksamhetens behov infört."),
        (O, "Ledarskapsutbildning för nya chefer; kommunerna erbjuds platser."),
        (O, "Utbildningsdagar för chefer i samverkan med Örebro universitet."),
    ],
    "2.5": [
        (O, "Gemensamma team med kommunerna för multisjuka äldre inom nära vård."),
        (O, "Mobila team tillsammans med kommunerna för äldre med omfattande vårdbehov."),
        (D, "Samverkansrutin och gemensam utbildning om äldres läkemedel med kommunerna."),
        (O, "Gemensam vårdplanering och utbildningsinsatser med kommunerna i omställningen till nära vård."),
        (O, "Interprofessionella team i hemsjukvården tillsammans med kommunerna."),
        (P, "Ingår i den länsgemensamma handlingsplanen för nära vård 2027."),
        (O, "Länsgemensam överenskommelse om vård av äldre med gemensamma utbildningsdagar."),
    ],
    "2.6": [
        (X, "Riktar sig till kommunerna; regionen bidrar med läkarmedverkan enligt hälso- och sjukvårdsavtalet."),
        (X, ""),
        (X, "Rekommendationen gäller kommunerna."),
        (X, ""),
        (X, "Gäller kommunerna. Regionen stöttar med läkarinsatser i den kommunala hälso- och sjukvården."),
        (X, ""),
        (X, "Riktar sig till kommunerna."),
    ],
    "4.4": [
        (O, "Individuella kompetensutvecklingsplaner införs för alla medarbetare."),
        (D, "Kompetensförsörjningsplan med individuella utvecklingsplaner antagen 2024."),
        (O, "Individuella utvecklingsplaner följs upp i medarbetarsamtalen."),
        (O, "Kompetensplaner per verksamhet tas fram i kompetensportalen."),
        (O, ""),
        (P, "Regional kompetensförsörjningsplan under framtagande."),
        (D, "Kompetensförsörjningsplan 2024–2027 med individuella utvecklingsplaner."),
    ],
    "4.5": [
        (O, "Schemalagd tid för fortbildning prövas inom medicinsk vård."),
        (P, ""),
        (O, "Fortbildningsdagar för sjuksköterskor två gånger per år i slutenvården."),
        (O, "Fortbildningstid planeras in i bemanningen i de verksamheter som har det i budget."),
        (N, ""),
        (O, "Gemensamt fortbildningsutbud i lärplattformen."),
        (O, "Fortbildning ingår i årsplaneringen för varje verksamhet."),
    ],
    "4.6": [
        (D, "Budget och tid för fortbildning ingår i verksamhetsplanerna från 2025."),
        (O, "Fortbildningsbudget per förvaltning införs i planeringen."),
        (P, "Ska ingå i budgetprocessen inför 2027."),
        (O, ""),
        (O, "Fortbildning synliggörs i verksamhetsplanerna; ekonomisk ram saknas i vissa delar."),
        (N, ""),
        (D, "Varje verksamhet redovisar tid och kostnad för fortbildning i verksamhetsplanen."),
    ],
    "4.7": [
        (O, "Kunskapsstöd och vetenskapliga databaser för all personal; tid avsätts lokalt."),
        (O, "Läs- och reflektionstid prövas i några verksamheter."),
        (N, ""),
        (O, "Journal club och fortbildningsseminarier under arbetstid."),
        (P, ""),
        (O, "Kliniska seminarier under arbetstid en gång i månaden."),
        (O, "Medicinska biblioteket ger stöd till alla verksamheter att följa kunskapsutvecklingen."),
    ],
    "4.8": [
        (D, "Handledning och kollegialt stöd för nyutexaminerade sjuksköterskor i alla verksamheter."),
        (O, "Handledarutbildning och kollegiala nätverk per yrkesgrupp."),
        (O, "Reflektionsgrupper för sjuksköterskor i slutenvården."),
        (D, "Handledning ingår i introduktionsprogrammen för alla legitimationsyrken."),
        (O, ""),
        (O, "Kollegial handledning för nya medarbetare under första året."),
        (O, "Klinisk handledning med avsatt tid för handledarna."),
    ],
    "4.9": [
        (O, "Simuleringsövningar i akutsjukvården och beredskapsutbildningar enligt regional plan."),
        (O, "Regionens kliniska träningscentrum används för beredskapsövningar."),
        (D, "Årlig beredskapsövning och simuleringsträning för akutverksamheterna."),
        (O, "Katastrofmedicinskt centrum genomför övningar; simuleringsutbudet byggs ut."),
        (O, "Ökat utbud av simuleringsträning efter pandemin och en övningsplan för beredskap."),
        (P, "Övningsplan för civilt försvar och beredskap tas fram."),
        (O, "Simuleringscentrum används för tvärprofessionell träning."),
    ],
    "4.10": [
        (D, "Introduktionsår för nyutexaminerade sjuksköterskor sedan 2022."),
        (D, "Introduktionsprogram för nyutexaminerade sjuksköterskor och barnmorskor."),
        (D, "Gemensamt ettårigt introduktionsprogram för nyutexaminerade sjuksköterskor."),
        (D, "Introduktionsår för nyutexaminerade sjuksköterskor, utvidgat till fler yrken 2025."),
        (O, "Introduktionsprogram finns för sjuksköterskor; fler yrken läggs till."),
        (O, "Introduktionsprogram för sjuksköterskor; programmet för övriga yrken utformas."),
        (D, "Introduktionsår för nyutexaminerade i flera yrken sedan 2023."),
    ],
    "4.11": [
        (O, "Karriärmodell för sjuksköterskor i fyra steg under införande."),
        (O, "Karriärmodell för sjuksköterskor och barnmorskor införs; övriga yrken 2027."),
        (P, "Regionen deltar i rådets arbete med karriärmodeller."),
        (O, "Karriärvägar för specialistsjuksköterskor och kliniska lektorer."),
        (O, "Kartläggningen av befintliga kompetensstegar är klar; en gemensam modell tas fram."),
        (O, "Karriärtrappa för undersköterskor och sjuksköterskor."),
        (O, "En grundmodell i fyra steg tas fram centralt och anpassas per yrkesgrupp."),
    ],
    "6.9": [
        (O, "Centrum för klinisk forskning stödjer forskning i alla verksamheter."),
        (O, "Centrum för forskning och utveckling; forskningstid för kombinationsanställda."),
        (O, "Forskningsstöd genom regionens centrum för klinisk forskning."),
        (D, "Forskningsstöd och infrastruktur vid Akademiska sjukhuset tillsammans med Uppsala universitet."),
        (O, "Centrum för klinisk forskning; forskningsstrategi antagen."),
        (O, "Centrum för klinisk forskning; fler förenade anställningar planeras."),
        (D, "Forskningsenheter på alla sjukhus och en gemensam forskningsstrategi."),
    ],
    "6.10": [
        (P, "Översyn av ledningsgruppernas sammansättning planeras 2027."),
        (N, ""),
        (P, ""),
        (O, "Forskningsansvarig ingår i ledningsgrupperna inom sjukhusvården."),
        (O, "FoU-chefen ingår i regionens ledningsgrupp för hälso- och sjukvård."),
        (N, ""),
        (O, "Disputerad kompetens finns i förvaltningsledningen och ska finnas även på verksamhetsnivå."),
    ],
}  # fmt: skip

# When each council-recorded region's follow-ups were last recorded, per area (the first
# part of the identifier), and the member who recorded them (an e-mail local part at
# mellansverige.example.se). Dates after the day of loading are recorded as that day.
REGION_RECORDED = {
    DALARNA: ({1: date(2024, 4, 16), 2: date(2024, 4, 16), 4: date(2025, 11, 20),
               6: date(2026, 5, 12)}, "lars.nystrom"),
    SORMLAND: ({1: date(2026, 3, 10), 2: date(2026, 3, 10), 4: date(2026, 3, 10),
                6: date(2023, 10, 5)}, "ledamot"),
    VASTMANLAND: ({1: date(2023, 9, 27), 2: date(2023, 9, 27), 4: date(2025, 2, 14),
                   6: date(2025, 2, 14)}, "per.holmgren"),
    OREBRO: ({1: date(2026, 10, 14), 2: date(2026, 10, 14), 4: date(2026, 10, 14),
              6: date(2026, 11, 18)}, "sekretariat"),
}  # fmt: skip

# Evidence named with some of the follow-ups above.
REGION_EVIDENCE = {
    (SORMLAND, "2.2"): "Riktlinje för chefers förutsättningar, beslutad av regiondirektören 2024.",
    (OREBRO, "4.4"): "Kompetensförsörjningsplan 2024–2027, Region Örebro län.",
    (DALARNA, "4.10"): "Programbeskrivning Introduktionsår för sjuksköterskor.",
    (OREBRO, "1.3"): "Regionens ledarskapsprinciper (regionstyrelsen 2024).",
}

# Earlier states, saved before the ones above, so the history shows how they moved on:
# (region, identifier, status, done, recorded on). Those of the round's regions were recorded
# by the council before the round; their answers replace them.
EARLIER = [
    (DALARNA, "1.3", P, "Ledarutvecklingsprogram för första linjens chefer planeras till 2023.", date(2023, 1, 18)),
    (SORMLAND, "2.2", O, "Förslag till riktlinje om antal medarbetare per chef är på remiss.", date(2023, 11, 21)),
    (OREBRO, "4.4", O, "Kompetensförsörjningsplanen tas fram.", date(2023, 9, 5)),
    (UPPSALA, "4.10", O, "Introduktionsår för nyutexaminerade sjuksköterskor startat.", date(2023, 6, 12)),
    (GAVLEBORG, "4.4", P, "Kompetensförsörjningsplan under framtagande.", date(2023, 10, 3)),
    (VARMLAND, "4.11", P, "Kartläggning av befintliga kompetensstegar planeras.", date(2024, 2, 20)),
]  # fmt: skip

# Who answers the round for each region (fictitious), as the survey asks.
ROUND_RESPONDENTS = {
    GAVLEBORG: "Maria Westin",
    UPPSALA: "Jonas Ekberg",
    VARMLAND: "Linda Sundqvist",
}

# The council's own follow-ups of the recommendations to the regional councils:
# identifier → (status, done, evidence, recorded on, activity titles, workgroup names).
FORSKARSKOLOR = "Utveckla nationella forskarskolor för framtida vårdkompetens"
FORENADE = (
    "Möjliggöra förenade anställningar och andra typer av kombinationstjänster/"
    "samarbetsmodeller i kommuner och regioner"
)
SAMORDNA_VFU = (
    "Samordna arbetet med det gemensamma utbildningsuppdraget (VFU) för alla relevanta utbildningar"
)
ATBT_GROUP, FORENADE_GROUP, KARRIAR_GROUP = (
    "Arbetsgrupp AT/BT", "Förenade anställningar", "Karriärmodeller",
)  # fmt: skip

MELLANSVERIGE_OWN = {
    "5.7": (
        P,
        "Befintliga forskarskolor och doktorandsatsningar i sjukvårdsregionen inventerades 2023. "
        "Ett förslag om en gemensam doktorandsatsning för kommunal hälso- och sjukvård och "
        "primärvård tas fram tillsammans med lärosätena.",
        "Aktivitetsplan 2022, fokusområde Klinisk forskning.",
        date(2024, 9, 17), [], [],
    ),
    "5.8": (
        O,
        "Samverkan om karriärvägar och forskarutbildning sker i rådet och i arbetsgruppen "
        "Karriärmodeller, som 2022 skickade en enkät om karriärmodeller till regioner, kommuner "
        "och lärosäten.",
        "",
        date(2026, 4, 22), [], [KARRIAR_GROUP],
    ),
    "6.7": (
        O,
        "Arbetsgruppen Förenade anställningar har kartlagt villkor, administration och "
        "ekonomiska modeller för förenade anställningar hos huvudmännen i sjukvårdsregionen. "
        "Frågan om en nationell reglering är lyft till rådet.",
        "Statusrapport från arbetsgruppen till rådets möte 17/11-22.",
        date(2026, 9, 30), [FORENADE], [FORENADE_GROUP],
    ),
    "6.8": (
        O,
        "VFU samordnas i rådets arbetsgrupp med regioner, kommuner och lärosäten. Arbetsgrupp "
        "AT/BT har kartlagt hur regionerna organiserar och styr AT- och BT-tjänstgöringen, "
        "läkarnas kliniska tjänstgöring efter examen.",
        "Arbetsgrupp AT/BT:s statusrapport 17/11-22.",
        date(2025, 6, 12), [SAMORDNA_VFU], [ATBT_GROUP],
    ),
}  # fmt: skip

# Two other councils, so the national matrix has more than one council's column filled:
# slug → (regions' follow-ups: (region, identifier, status, done, recorded on),
#         own follow-ups: (identifier, status, done, recorded on)).
OTHER_COUNCILS = {
    "norra": (
        [
            ("Region Västerbotten", "1.3", O, "Ledarskapsprogram för första linjens chefer.", date(2025, 5, 6)),
            ("Region Norrbotten", "1.3", P, "", date(2025, 5, 6)),
            ("Region Västerbotten", "4.10", D, "Introduktionsår för nyutexaminerade sjuksköterskor.", date(2026, 8, 25)),
            ("Region Norrbotten", "4.10", D, "Introduktionsprogram för nyutexaminerade sjuksköterskor och barnmorskor.", date(2026, 8, 25)),
            ("Region Västernorrland", "4.10", O, "Introduktionsprogram för sjuksköterskor; fler yrken under 2026.", date(2025, 5, 6)),
            ("Region Jämtland Härjedalen", "4.10", O, "Introduktionsår för sjuksköterskor startat 2024.", date(2026, 8, 25)),
            ("Region Norrbotten", "4.9", O, "Simuleringsträning på distans för vårdcentraler i glesbygd.", date(2026, 8, 25)),
            ("Region Västerbotten", "6.9", D, "Forskningsstöd i regionen tillsammans med Umeå universitet.", date(2026, 8, 25)),
        ],
        [
            ("5.7", P, "En gemensam forskarskola för kommunal hälso- och sjukvård och primärvård planeras med lärosätena.", date(2025, 5, 6)),
            ("6.8", O, "Samordning av VFU-platser i sjukvårdsregionen med gemensam platsfördelning.", date(2026, 8, 25)),
        ],
    ),
    "vastra": (
        [
            ("Västra Götalandsregionen", "1.3", O, "Chefsutvecklingsprogram för första linjens chefer.", date(2026, 2, 3)),
            ("Region Halland", "1.3", D, "Ledarskapsprogram för alla chefer med personalansvar.", date(2024, 11, 12)),
            ("Västra Götalandsregionen", "2.2", O, "Riktvärde för antal medarbetare per chef följs upp i sjukhusförvaltningarna.", date(2026, 2, 3)),
            ("Västra Götalandsregionen", "4.10", D, "Introduktionsår för nyutexaminerade sjuksköterskor i alla sjukhusförvaltningar.", date(2026, 2, 3)),
            ("Region Halland", "4.10", D, "Introduktionsprogram för nyutexaminerade sjuksköterskor.", date(2024, 11, 12)),
            ("Region Halland", "4.11", O, "Karriärmodell för sjuksköterskor under införande.", date(2024, 11, 12)),
            ("Västra Götalandsregionen", "6.9", D, "Forskningsstöd genom regionens FoU-enheter och universitetssjukhuset.", date(2026, 2, 3)),
        ],
        [
            ("5.8", O, "Samverkan om karriärvägar och forskarutbildning i rådet med regionerna, kommunerna och lärosätena.", date(2026, 2, 3)),
            ("6.8", D, "Gemensam överenskommelse om VFU mellan region, kommuner och lärosäten.", date(2024, 11, 12)),
        ],
    ),
}  # fmt: skip
