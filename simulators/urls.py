"""Language-prefixed public URLs: downloads, personal links and the WebGL player."""

from django.urls import path

from . import views

app_name = "simulators"

urlpatterns = [
    path("builds/<id:pk>/download/", views.download, name="download"),
    path("download/<str:token>/", views.personal_download, name="personal_download"),
    path("play/<id:pk>/", views.play, name="play"),
    path("play/<id:pk>/files/<path:path>", views.player_file, name="player_file"),
]
