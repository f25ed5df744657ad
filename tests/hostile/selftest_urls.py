"""A deliberately broken form for tests/hostile/test_sweep.py: it answers 500 to a NUL byte,
shows what it stores unescaped and writes to whichever plan it is given."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path

from activities.models import ActivityPlan

FORM = """<form method="post"><input name="name" required><input type="date" name="when">
<select name="plan"><option value="{plan}">plan</option></select>
<button type="submit" name="submit" value="go">Go</button></form>"""


def broken(request):
    if request.method == "GET":
        return HttpResponse(FORM.format(plan=ActivityPlan.objects.order_by("pk")[0].pk))
    name = request.POST.get("name", "")
    if "\x00" in name:
        raise ValueError("a NUL byte reached the view")
    plan = request.POST.get("plan", "")
    if plan.isdigit():
        ActivityPlan.objects.filter(pk=int(plan)).update(intro=name)
    return redirect("selftest_shown")


def shown(request):
    intros = "".join(
        f"<p>{intro}</p>" for intro in ActivityPlan.objects.values_list("intro", flat=True)
    )
    return HttpResponse(intros)


urlpatterns = [
    path("broken/", broken, name="selftest_broken"),
    path("shown/", shown, name="selftest_shown"),
]
