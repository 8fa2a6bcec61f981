from django.http import HttpResponse, JsonResponse


def results(request):
    return HttpResponse("")


def suggest(request):
    return JsonResponse({"suggestions": []})
