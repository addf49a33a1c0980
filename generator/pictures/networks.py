"""Who is tied to whom: networks of actors, edges styled by stance, every node and edge a link.

networkx lays the graph out: a force-directed layout with a fixed seed for the overview (the
same input gives the same picture), and a star for one country and its partners. Stance is
told by the line's dash pattern as well as its colour, and a legend names the patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..content.schema import STANCES
from .svg import figure, link, number, text

SEED = 2026
LEGEND = 44
PADDING = 40
DASHES = {"cooperative": "solid line", "mixed": "long dashes", "tense": "short dashes",
          "hostile": "dash and dot"}


@dataclass(frozen=True)
class Node:
    ref: str
    name: str
    url: str  # "" when the actor has no page
    kind: str  # country or organisation
    subject: bool = False
    short: str = ""  # the label drawn, when shorter than the name

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class Edge:
    first: str
    second: str
    stance: str
    url: str
    label: str  # what the edge says, for its tooltip and accessible name


def _positions(nodes: list[Node], edges: list[Edge], center: str | None, width: float,
               height: float) -> dict[str, tuple[float, float]]:
    import networkx  # imported here: only pages with a network pay for it

    graph = networkx.Graph()
    graph.add_nodes_from(node.ref for node in nodes)
    graph.add_edges_from((edge.first, edge.second) for edge in edges)
    if center is not None and len(nodes) > 1:
        others = [node.ref for node in nodes if node.ref != center]
        layout = networkx.shell_layout(graph, [[center], others])
    elif len(nodes) > 1:
        # A longer ideal edge than the default spreads the clusters, so labels overlap less.
        layout = networkx.spring_layout(graph, seed=SEED, iterations=300,
                                        k=2.2 / len(nodes) ** 0.5)
    else:
        layout = {nodes[0].ref: (0.0, 0.0)}
    xs = [float(point[0]) for point in layout.values()]
    ys = [float(point[1]) for point in layout.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    usable_w, usable_h = width - 2 * PADDING, height - 2 * PADDING - LEGEND
    return {ref: (PADDING + (float(point[0]) - min(xs)) / span_x * usable_w,
                  PADDING + (float(point[1]) - min(ys)) / span_y * usable_h)
            for ref, point in layout.items()}


def _legend(width: float, height: float) -> str:
    parts = []
    slot = (width - 2 * 20) / len(STANCES)
    top = height - LEGEND + 18
    for number_, stance in enumerate(STANCES):
        left = 20 + number_ * slot
        parts.append(f'<line class="edge edge-{stance}" x1="{number(left)}" y1="{top}" '
                     f'x2="{number(left + 28)}" y2="{top}"/>'
                     f'<text class="label" x="{number(left + 34)}" y="{top + 5}">{stance}</text>')
    return '<g class="legend">' + "".join(parts) + "</g>"


def network(nodes: list[Node], edges: list[Edge], *, title: str, description: str,
            caption: str, center: str | None = None, width: float = 640,
            height: float = 480, ident: str = "network") -> Markup:
    if not nodes:
        return Markup("")
    nodes = sorted(nodes, key=lambda node: node.ref)
    edges = sorted(edges, key=lambda edge: (edge.first, edge.second))
    where = _positions(nodes, edges, center, width, height)
    drawn = []
    for edge in edges:
        (x1, y1), (x2, y2) = where[edge.first], where[edge.second]
        line = (f'<line class="edge edge-{edge.stance}" x1="{number(x1)}" y1="{number(y1)}" '
                f'x2="{number(x2)}" y2="{number(y2)}"/>')
        drawn.append(link(edge.url, line, edge.label) if edge.url else line)
    for node in nodes:
        cx, cy = where[node.ref]
        classes = f"node {node.kind}" + (" subject" if node.subject else "")
        size = 11 if node.subject else 8
        if node.kind == "organisation":
            shape = (f'<rect class="{classes}" x="{number(cx - size)}" y="{number(cy - size)}" '
                     f'width="{2 * size}" height="{2 * size}" rx="3"/>')
        else:
            shape = f'<circle class="{classes}" cx="{number(cx)}" cy="{number(cy)}" r="{size}"/>'
        # Near an edge of the picture the label runs inwards, so it is never cut off.
        anchor = "start" if cx < width * 0.2 else "end" if cx > width * 0.8 else "middle"
        shift = {"start": -size, "end": size, "middle": 0}[anchor]
        label = (f'<text class="label node-label" x="{number(cx + shift)}" '
                 f'y="{number(cy + size + 14)}" text-anchor="{anchor}">{text(node.label)}</text>')
        # The accessible name starts with the words shown, as speech input users say them.
        name = f"{node.short} ({node.name})" if node.short else node.name
        drawn.append(link(node.url, shape + label, name) if node.url
                     else f"<g>{shape}{label}</g>")
    return figure("network", width, height, title, description,
                  '<g class="graph">' + "".join(drawn) + "</g>" + _legend(width, height),
                  caption, ident=ident)


def stance_caption() -> str:
    return ("Each line is a relation, drawn by its current stance: "
            + ", ".join(f"{DASHES[stance]}: {stance}" for stance in STANCES)
            + ". Circles are countries, squares organisations. Select one to open its page.")
