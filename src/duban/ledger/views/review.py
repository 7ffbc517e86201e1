from django.http import HttpResponse


def import_notice(request):
    return HttpResponse(status=501)


def review(request, pk):
    return HttpResponse(status=501)


def decide_name(request, pk, rid):
    return HttpResponse(status=501)


def edit_task(request, pk, tid):
    return HttpResponse(status=501)


def confirm(request, pk):
    return HttpResponse(status=501)


def discard(request, pk):
    return HttpResponse(status=501)
