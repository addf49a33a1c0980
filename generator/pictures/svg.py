"""What every picture shares: escaping, site addresses inside raw HTML, the figure around it.

Pictures are inline SVG in raw HTML blocks, so that they follow the page's colour scheme
(colours come from CSS classes in templates/assets/briefings.css, not from the SVG) and so
that every mark can be a link. mkdocs does not rewrite links inside raw HTML: they are
written here as the final, relative directory URLs.

Text from content is untrusted: every piece of it passes through ``text()``.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from ..knowledge.urls import url_relative_to


def text(value) -> str:
    """Content text for SVG or HTML: escaped, on one line."""
    return html.escape(" ".join(str(value).split()), quote=True)


def number(value: float) -> str:
    """A coordinate with one decimal at most: small, and the same bytes on every machine."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}"


def href(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative link from one generated page to another, escaped for an attribute."""
    return text(url_relative_to(from_path, to_path, anchor))


def figure(kind: str, width: float, height: float, title: str, description: str,
           body: str, caption: str = "", extra_class: str = "", ident: str = "") -> Markup:
    """A picture as one raw-HTML line: an accessible SVG (named by its title, described by its
    description: the text alternative) in a figure that search leaves out. ``ident`` tells two pictures of
    one kind on a page apart."""
    ident = ident or kind
    classes = f"picture picture-{kind}" + (f" {extra_class}" if extra_class else "")
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return Markup(
        f'<figure class="{classes}" data-search-exclude data-pagefind-ignore="all">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {number(width)} {number(height)}" '
        # A group, not an img: an img's content is hidden from assistive technology, and
        # these pictures hold links that must stay reachable.
        f'role="group" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">'
        f'<title id="{ident}-title">{text(title)}</title>'
        f'<desc id="{ident}-desc">{text(description)}</desc>'
        f"{body}</svg>{caption_html}</figure>")


def link(url: str, inner: str, label: str) -> str:
    """A mark that is a link, with a tooltip and an accessible name."""
    return f'<a href="{url}" aria-label="{text(label)}"><title>{text(label)}</title>{inner}</a>'
