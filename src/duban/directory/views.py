from django.http import HttpResponse


def units(request):
    return HttpResponse(status=501)


def new_unit(request):
    return HttpResponse(status=501)


def import_units(request):
    return HttpResponse(status=501)


def pick_unit(request):
    return HttpResponse(status=501)


def unit(request, pk):
    return HttpResponse(status=501)


def edit_unit(request, pk):
    return HttpResponse(status=501)


def people(request):
    return HttpResponse(status=501)


def person(request, pk):
    return HttpResponse(status=501)


def edit_person(request, pk):
    return HttpResponse(status=501)
