from django.urls import path

from search import api

app_name = "search-api"

urlpatterns = [
    path("search", api.SearchAPIView.as_view(), name="search"),
    path("search/suggest", api.SuggestAPIView.as_view(), name="suggest"),
]
