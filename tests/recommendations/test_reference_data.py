"""The national council's March 2022 report loads in full from its JSON file, verbatim,
idempotently, and a corrected file updates rows in place."""

import json
import shutil
from collections import Counter

import pytest
from django.core.management import call_command

from councils import reference_data as councils_reference_data
from councils.models import Council
from recommendations import reference_data
from recommendations.models import Actor, Area, FollowUp, Publication, Recommendation

pytestmark = pytest.mark.django_db

MARCH = "nvkr-2022-03-pandemin"
ATBT = "nvkr-2022-1-atbt"

# (position, section, title, number of points, first text, last text), checked by hand
# against ../shared/seeds/001_fa1f9ca1df0f0ab1.txt.
AREAS = [
    (
        1,
        "rekommendationer",
        "Tillvarata professionernas kompetens i utvecklingen av hälso- och sjukvården",
        6,
        "Nationella vårdkompetensrådet anser att medarbetarna inom hälso- och sjukvårdens "
        "verksamheter behöver få bättre möjligheter att utveckla det egna lärandet och att delta "
        "i verksamhetens utvecklingsarbete genom att bidra med kunskap och erfarenheter om behov "
        "och förutsättningar. Övergripande fokus i vårdens styrning bör vara att ge "
        "förutsättningar för verksamheterna att utveckla arbetsformer som bidrar till att hälso- "
        "och sjukvården håller god kvalitet samtidigt som en ökad produktivitet och en bättre "
        "arbetsmiljö skapas.",
        "Huvudmännen bör i den verksamhetsnära ledningen i ökad grad ges förutsättningar att "
        "samordna professionernas erfarenheter och kunskaper i syfte att utveckla verksamheten, "
        "snarare än att varje enskild medarbetare genomför de förändringar som förmås inom ramen "
        "för egna arbetsuppgifter.",
    ),
    (
        2,
        "rekommendationer",
        "Ge förutsättningar till stärkt ledarskap inom hälso- och sjukvården",
        7,
        "Nationella vårdkompetensrådet bedömer att det är viktigt att stärka ledarskapet i såväl "
        "den kommunala som regionala hälso- och sjukvården. För att ett gott ledarskap ska vara "
        "möjligt behöver det finnas organisatoriska och strategiska förutsättningar som stöder "
        "en sådan utveckling.",
        "Regeringen bör ge lämplig myndighet i uppdrag att ta fram ett stöd i syfte att ge chefer "
        "inom regionalt och kommunalt finansierad hälso- och sjukvård förutsättningar för ett "
        "gott och nära ledarskap.",
    ),
    (
        3,
        "rekommendationer",
        "Stärk kompetensförsörjningen inom den kommunala hälso- och sjukvården",
        5,
        "Nationella vårdkompetensrådet anser att kompetensförsörjning inom den kommunala hälso- "
        "och sjukvården behöver stärkas.",
        "Kommunerna bör verka för att inrätta tjänster för medicinskt ansvarig för rehabilitering "
        "(MAR).",
    ),
    (
        4,
        "rekommendationer",
        "Öka personalens möjlighet att delta i fortbildning",
        11,
        "Nationella vårdkompetensrådet anser att huvudmännen i hälso- och sjukvården bör "
        "förbättra förutsättningarna för personalens möjlighet att delta i fortbildning och "
        "kompetenshöjande insatser för att möjliggöra ett livslångt lärande och säkerställa en "
        "hög patientsäkerhet.",
        "Huvudmännen bör arbeta systematiskt och fortlöpande med att säkerställa karriärvägar för "
        "hälso- och sjukvårdens medarbetare.",
    ),
    (
        5,
        "rekommendationer",
        "Stärk förutsättningarna för klinisk forskningsverksamhet",
        8,
        "Nationella vårdkompetensrådet anser att förutsättningarna för forskningsverksamhet "
        "behöver stärkas. Antalet forskarutbildade inom hälso- och sjukvårdsutbildningar bör öka "
        "i syfte att säkerställa en forskning av hög kvalitet samt för att säkra lärosätenas "
        "kompetensförsörjning av disputerade lärare. Samverkan bör stärkas mellan avnämare som "
        "högskolor och huvudmän inom den kliniska forskningen för att skapa kraftfulla och "
        "konkurrensstarka kliniska och akademiska miljöer.",
        "De regionala vårdkompetensråden bör verka för att samverkan mellan region, kommun och "
        "lärosäten intensifieras för att skapa bästa möjliga förutsättningar för utveckling av "
        "karriärvägar, forskarutbildning och kunskapsutveckling.",
    ),
    (
        6,
        "lardomar",
        "Lärdomar och åtgärdsförslag från första pandemianalysen som har stärkts ytterligare",
        10,
        "Regeringen bör se till att förutsättningar för en förbättrad samordning om "
        "verksamhetsförlagd utbildning (VFU) möjliggörs genom ökat fokus på samverkan mellan "
        "berörda aktörer. Rådet ser positivt på regeringens uppdrag till UKÄ som ska stödja den "
        "förstärkta samordningen av VFU och bistå lärosätena i arbetet.",
        "Regionerna bör skapa en tydlig struktur för att säkerställa att den vetenskapliga "
        "kompetensen finns representerad på respektive ledningsnivå i regionen.",
    ),
]


def _march() -> Publication:
    return Publication.objects.get(key=MARCH)


def _rec(identifier: str) -> Recommendation:
    area, position = identifier.split(".")
    return Recommendation.objects.get(
        area__publication__key=MARCH, area__position=int(area), position=int(position)
    )


def _addressees(identifier: str) -> list[str]:
    return sorted(_rec(identifier).addressees.values_list("code", flat=True))


def _counts() -> dict[str, int]:
    return {
        "actors": Actor.objects.count(),
        "publications": Publication.objects.count(),
        "areas": Area.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "addressees": Recommendation.addressees.through.objects.count(),
    }


def _copy_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(reference_data.DATA_DIR, data)
    return data


def _edit_march(data, edit) -> None:
    path = data / "nvkr_2022_03.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    edit(content)
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")


def test_it_loads_the_march_2022_report_in_full():
    result = reference_data.recommendations_load()

    march = _march()
    assert march.number == ""
    assert march.title == "Rekommendationer och bedömningar för en stärkt kompetensförsörjning"
    assert march.published_on.isoformat() == "2022-03-01"
    assert march.summary.startswith(
        "Nationella vårdkompetensrådet följer i denna rapport upp den tidigare analys om "
        "coronapandemins konsekvenser för hälso- och sjukvårdens kompetensförsörjning"
    )
    assert march.areas.count() == 6
    assert Recommendation.objects.filter(area__publication=march).count() == 47
    kinds = Counter(
        Recommendation.objects.filter(area__publication=march).values_list("kind", flat=True)
    )
    assert kinds == {"rekommendation": 32, "atgardsforslag": 10, "bedomning": 5}
    assert result["created"]["publications"] == 2
    assert result["created"]["areas"] == 6
    assert result["created"]["recommendations"] == 47
    assert sorted(Actor.objects.values_list("code", flat=True)) == sorted(Actor.Code.values)


@pytest.mark.parametrize(("position", "section", "title", "count", "first", "last"), AREAS)
def test_each_area_has_its_recommendations_verbatim(position, section, title, count, first, last):
    reference_data.recommendations_load()
    area = _march().areas.get(position=position)
    assert area.section == section
    assert area.title == title
    recs = list(area.recommendations.order_by("position"))
    assert [rec.position for rec in recs] == list(range(1, count + 1))
    assert recs[0].text == first
    assert recs[-1].text == last


def test_the_texts_are_joined_and_free_of_footnotes():
    reference_data.recommendations_load()
    assert _rec("1.2").text.startswith("Huvudmännen bör i ökad grad skapa miljöer")  # not "11"
    assert _rec("6.2").text.startswith(
        "Regeringen bör utreda möjligheten att inrätta ett VULF-avtal i"
    )
    assert _rec("6.4").text == (
        "Lärosätena bör stärka utveckling, innovation och kompetens inom "
        "e-lärande/digital undervisning."
    )
    for rec in Recommendation.objects.all():
        assert "\n" not in rec.text and "  " not in rec.text and "•" not in rec.text


@pytest.mark.parametrize(
    ("identifier", "kind", "addressees"),
    [
        ("1.1", "bedomning", []),
        ("1.2", "rekommendation", ["kommuner", "regioner"]),
        ("2.6", "rekommendation", ["kommuner", "regioner"]),  # "Kommunerna bör ..." under both
        ("2.7", "rekommendation", ["regeringen"]),
        ("3.2", "rekommendation", ["kommuner"]),
        ("4.2", "rekommendation", ["regeringen"]),
        ("4.4", "rekommendation", ["kommuner", "regioner"]),
        ("5.5", "rekommendation", ["larosaten"]),
        ("5.6", "rekommendation", ["kommuner"]),
        ("5.7", "rekommendation", ["regionala_rad"]),
        ("6.1", "atgardsforslag", ["regeringen"]),
        ("6.3", "atgardsforslag", ["larosaten"]),
        ("6.7", "atgardsforslag", ["regionala_rad"]),  # "Regioner och lärosäten bör ..."
        ("6.9", "atgardsforslag", ["regioner"]),
    ],
)
def test_recommendations_are_addressed_as_the_report_says(identifier, kind, addressees):
    reference_data.recommendations_load()
    assert _rec(identifier).kind == kind
    assert _addressees(identifier) == addressees


def test_addressee_totals_match_the_seed():
    reference_data.recommendations_load()
    totals = Counter(
        Recommendation.addressees.through.objects.filter(
            recommendation__area__publication__key=MARCH
        ).values_list("actor__code", flat=True)
    )
    assert totals == {
        "kommuner": 23,
        "regioner": 20,
        "regeringen": 8,
        "larosaten": 5,
        "regionala_rad": 4,
    }
    unaddressed = Recommendation.objects.filter(addressees__isnull=True)
    assert set(unaddressed.values_list("kind", flat=True)) == {"bedomning"}


def test_the_atbt_report_is_there_without_recommendations():
    reference_data.recommendations_load()
    atbt = Publication.objects.get(key=ATBT)
    assert atbt.number == "2022:1"
    assert atbt.title == "Nationella AT/BT-gruppens rapport"
    assert atbt.published_on.isoformat() == "2022-01-01"
    assert not atbt.areas.exists()


def test_reloading_changes_nothing():
    reference_data.recommendations_load()
    before = _counts()
    ids = set(Recommendation.objects.values_list("pk", flat=True))

    result = reference_data.recommendations_load()

    assert result["changed"] == 0
    assert result["kept"] == []
    assert _counts() == before
    assert set(Recommendation.objects.values_list("pk", flat=True)) == ids


def test_a_corrected_text_and_title_update_in_place(tmp_path):
    reference_data.recommendations_load()
    rec = _rec("4.3")
    area = _march().areas.get(position=4)
    before = _counts()
    data = _copy_data(tmp_path)

    def edit(content):
        content["areas"][3]["title"] = "Öka personalens möjlighet att delta i fortbildning (rättad)"
        content["areas"][3]["recommendations"][2]["text"] = "Rättad text."
        content["areas"][3]["recommendations"][2]["addressees"] = ["regeringen", "larosaten"]

    _edit_march(data, edit)

    result = reference_data.recommendations_load(data)

    assert result["updated"] == {"areas": 1, "recommendations": 1}
    assert result["created"] == {} and result["deleted"] == {}
    rec.refresh_from_db()  # same row, same primary key
    area.refresh_from_db()
    assert rec.text == "Rättad text."
    assert _addressees("4.3") == ["larosaten", "regeringen"]
    assert area.title.endswith("(rättad)")
    assert _counts()["recommendations"] == before["recommendations"]
    assert reference_data.recommendations_load(data)["changed"] == 0


def test_a_number_set_in_the_portal_is_not_cleared_by_the_empty_number():
    reference_data.recommendations_load()
    Publication.objects.filter(key=MARCH).update(number="2022:2")
    result = reference_data.recommendations_load()
    assert result["changed"] == 0
    assert _march().number == "2022:2"


def test_a_dropped_recommendation_is_deleted_unless_it_has_follow_ups(tmp_path):
    councils_reference_data.reference_data_load()
    reference_data.recommendations_load()
    followed = _rec("5.8")
    FollowUp.objects.create(
        recommendation=followed, council=Council.objects.get(slug="mellansverige")
    )
    data = _copy_data(tmp_path)

    def edit(content):
        del content["areas"][4]["recommendations"][6:]  # 5.7 and 5.8
        del content["areas"][5]  # the whole area 6, nothing followed up there

    _edit_march(data, edit)

    result = reference_data.recommendations_load(data)

    assert result["deleted"] == {"recommendations": 11, "areas": 1}
    assert len(result["kept"]) == 1 and "5.8" in result["kept"][0]
    assert Recommendation.objects.filter(pk=followed.pk).exists()
    assert not Recommendation.objects.filter(area__position=5, position=7).exists()
    assert not _march().areas.filter(position=6).exists()


def test_recommendations_added_in_the_portal_survive_a_file_without_areas():
    reference_data.recommendations_load()
    atbt = Publication.objects.get(key=ATBT)
    area = Area.objects.create(publication=atbt, position=1, title="Tillagt i portalen")
    Recommendation.objects.create(area=area, position=1, text="Tillagd i portalen.")
    assert reference_data.recommendations_load()["changed"] == 0
    assert atbt.areas.get().recommendations.count() == 1


def test_a_bad_file_is_refused_and_nothing_is_saved(tmp_path):
    data = _copy_data(tmp_path)
    _edit_march(data, lambda c: c["areas"][0]["recommendations"][1].update(addressees=["kungen"]))
    with pytest.raises(reference_data.ReferenceDataError, match="okända mottagare"):
        reference_data.recommendations_load(data)
    assert Publication.objects.count() == 0


def test_the_command_prints_what_it_did(capsys):
    call_command("load_recommendations")
    assert "recommendations: 47 created" in capsys.readouterr().out
    call_command("load_recommendations")
    assert "up to date" in capsys.readouterr().out
