"""Map elements whose output is never read as a template: text from the data stays text.

branca renders an element's macros (``header``, ``html``, ``script``) and then wraps each
result in a new ``Element``, whose constructor compiles it as a Jinja template; the page
render evaluates it a second time. Data that went into the first render as a value (a name
such as ``{{7*7}}``, or ``{{ lipsum.__globals__.os.getpid() }}``) would be evaluated as
code by the second, and a ``{#`` in a name would stop the page. :class:`SafeMacroElement`
renders its macros once and keeps the result as :class:`Literal` text. Every element of
this package that carries data derives from it; folium's own elements only carry constants.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement
from folium import Map

#: The parts of a page a macro can write to (a ``{% macro <part>(this, kwargs) %}``).
PARTS: tuple[str, ...] = ("header", "html", "script")


class Literal(Element):
    """Finished text: rendered as it is, never compiled or evaluated."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class SafeMacroElement(MacroElement):
    """A :class:`~branca.element.MacroElement` whose rendered macros are kept as text.

    Put it after folium's own classes in the bases (``class X(Layer, SafeMacroElement)``),
    so their ``render`` (adding the layer to its parent, the assets) runs first and ends here.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} is rendered outside a Figure")
        macros = self._template.module.__dict__
        for part in PARTS:
            if part in macros:
                text = macros[part](self, kwargs)
                getattr(figure, part).add_child(Literal(text), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def map_of(element: Element) -> Map:
    """The map an element is (indirectly) added to: layers sent later must name it."""
    while not isinstance(element, Map):
        element = element._parent
    return element


class MapElement(SafeMacroElement):
    """A :class:`SafeMacroElement` whose script acts on its map, named ``this.map_name``
    (for an element in a layer group sent after the map, its parent is not the map)."""

    def render(self, **kwargs: Any) -> None:
        self.map_name = map_of(self).get_name()
        super().render(**kwargs)
