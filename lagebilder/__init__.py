"""Lagebilder and Hinweise the Geschäftsstelle addresses to an audience, with "zur Kenntnis genommen".

Its own app, not a fourth section of the Fachgebiete: a Fachgebiet's items are open to every
member and reviewed by a Redaktion, while a Lagebild reaches only its audience (zielgruppen), is
published by the office and asks every recipient for an acknowledgement that the office follows
up per authority and person. It shows up inside the open rubric "Lagebilder" (/lagebilder/, a
Fachgebiet row) through `common.rubrics.Rubric.panel`, under its own addresses /lagebilder/hinweise/….
"""
