"""Helping an editor add an article: `briefings new` reads a raw source (plain text, Markdown or
a saved web page) and writes the article with a drafted annotation for the editor to confirm.

- extraction: the source's text and front matter, as an article body in our Markdown
- names: the registry's names in the text
- quotes: the article read as sentences and names, and the unique quotes it offers
- phrases: the words the heuristics read alike (stop words, modifiers, labels)
- figures, relations, events: the heuristics that draft those sections
- drafting: the draft annotation, section by section, and its YAML file
- yaml_writer: YAML values that read back as written
- new_article: the two files, never written over existing ones
"""
