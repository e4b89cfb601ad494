"""Renderers: pure functions of finished ArticleResults; they never compute findings or scores."""
