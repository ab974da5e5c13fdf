from django.urls import path

from articles import views
from articles.feeds import LatestArticlesFeed

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("feed/", LatestArticlesFeed(), name="article_feed"),
    path("preview/<uuid:key>/", views.article_preview, name="article_preview"),
    path("<slug:slug>/", views.article_detail, name="article_detail"),
]
