#!/usr/bin/env python3
"""Fills German translations for the glossary below into translations/podtrends_de.ts.

Run after `cmake --build build --target update_ts`. Strings already translated are left alone;
strings without a glossary entry stay unfinished (Qt then shows the English text).
"""
import sys
import xml.etree.ElementTree as ET

GLOSSARY = {
    "Dashboard": "Übersicht", "Trends": "Trends", "Products": "Produkte", "Designs": "Designs",
    "Sources": "Quellen", "Settings": "Einstellungen", "Activity": "Aktivität", "&File": "&Datei",
    "&Quit": "&Beenden", "&Go": "&Gehe zu", "&View": "&Ansicht", "Time": "Zeit", "Area": "Bereich",
    "Message": "Meldung", "Database": "Datenbank", "POD Trends": "POD Trends",
    "&Change database…": "Datenbank &wechseln…", "&Test connection": "Verbindung &testen",
    "Host:": "Host:", "Port:": "Port:", "User:": "Benutzer:", "Password:": "Passwort:", "Database:": "Datenbank:",
    "Connecting…": "Verbinde…", "✔ Connected.": "✔ Verbunden.", "Save": "Speichern", "saved": "gespeichert",
    "cleared": "gelöscht", "saving…": "speichere…", "No database is open.": "Keine Datenbank geöffnet.",
    "Accounts && keys": "Konten && Schlüssel", "Cancel": "Abbrechen", "Refresh": "Aktualisieren",
    "Add…": "Hinzufügen…", "Edit…": "Bearbeiten…", "Remove": "Entfernen", "Scrape now": "Jetzt abrufen",
    "Export CSV…": "CSV exportieren…", "Search": "Suchen", "Title": "Titel", "Marketplace": "Marktplatz",
    "Category": "Kategorie", "Price": "Preis", "Rating": "Bewertung", "Reviews": "Rezensionen",
    "Last seen": "Zuletzt gesehen", "Status": "Status", "Niche": "Nische", "Demand": "Nachfrage",
    "Growth": "Wachstum", "Competition": "Wettbewerb", "Profitability": "Rentabilität", "Overall": "Gesamt",
    "Generate designs": "Designs erzeugen", "Publish…": "Veröffentlichen…", "Publish": "Veröffentlichen",
    "Mark ready": "Als fertig markieren", "Delete": "Löschen", "Retry": "Erneut versuchen",
    "Analyze": "Analysieren", "Close": "Schließen", "Open in browser": "Im Browser öffnen",
    "Etsy API key": "Etsy-API-Schlüssel", "Printful token": "Printful-Token",
    "Shopify Admin token": "Shopify-Admin-Token", "Shopify client secret": "Shopify-Client-Secret",
    "OpenAI-compatible API key": "API-Schlüssel (OpenAI-kompatibel)", "Database password": "Datenbank-Passwort",
    "Totals, top opportunities and the next step.": "Summen, beste Chancen und der nächste Schritt.",
    "Niches ranked by opportunity.": "Nischen nach Chance geordnet.",
    "Every listing collected from Amazon, Etsy and Shopify.": "Alle gesammelten Angebote von Amazon, Etsy und Shopify.",
    "Generated designs, print files and mockups.": "Erzeugte Designs, Druckdateien und Mockups.",
    "Stores and searches to collect, and how often.": "Shops und Suchen, die gesammelt werden, und wie oft.",
    "Where data lives, your accounts and how features behave.": "Wo Daten liegen, Ihre Konten und wie Funktionen arbeiten.",
}


def main(path):
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None or source not in GLOSSARY:
            continue
        if translation.get("type") == "unfinished" or not (translation.text or "").strip():
            translation.text = GLOSSARY[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled} translations")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "translations/podtrends_de.ts")
