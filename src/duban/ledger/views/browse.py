from django.http import HttpResponse


def plans(request):
    return HttpResponse(status=501)


def plan(request, pk):
    return HttpResponse(status=501)


def tasks(request, pk):
    return HttpResponse(status=501)


def task(request, pk):
    return HttpResponse(status=501)


def my_unit(request):
    return HttpResponse(status=501)


def my_tasks(request):
    return HttpResponse(status=501)
