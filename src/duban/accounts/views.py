from django.http import HttpResponse


def login(request):
    return HttpResponse(status=501)


def logout(request):
    return HttpResponse(status=501)


def password(request):
    return HttpResponse(status=501)


def users(request):
    return HttpResponse(status=501)


def new_user(request):
    return HttpResponse(status=501)


def edit_user(request, pk):
    return HttpResponse(status=501)
