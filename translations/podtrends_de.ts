<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AmazonParser</name>
    <message>
        <source>The selector file is not valid</source>
        <translation>Die Selektordatei ist ungültig</translation>
    </message>
    <message>
        <source>The page is empty</source>
        <translation>Die Seite ist leer</translation>
    </message>
    <message>
        <source>Amazon answered with a robot check (captcha) page</source>
        <translation>Amazon hat mit einer Roboterprüfung (Captcha) geantwortet</translation>
    </message>
    <message>
        <source>Not an Amazon product page (no ASIN or title found)</source>
        <translation>Keine Amazon-Produktseite (keine ASIN und kein Titel gefunden)</translation>
    </message>
</context>
<context>
    <name>AmazonScraper</name>
    <message numerus="yes">
        <source>Amazon blocked the request with a robot check (captcha); %n product(s) kept. Wait a few hours, or save the search pages from a browser and import them.</source>
        <translation>
            <numerusform>Amazon hat die Anfrage mit einer Roboterprüfung (Captcha) blockiert; %n Produkt behalten. Warten Sie ein paar Stunden oder speichern Sie die Suchseiten im Browser und importieren Sie sie.</numerusform>
            <numerusform>Amazon hat die Anfrage mit einer Roboterprüfung (Captcha) blockiert; %n Produkte behalten. Warten Sie ein paar Stunden oder speichern Sie die Suchseiten im Browser und importieren Sie sie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon search page %1 failed</source>
        <translation>Amazon-Suchseite %1 fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Amazon is throttling requests (HTTP 429); %n product(s) kept. Try again later.</source>
        <translation>
            <numerusform>Amazon drosselt die Anfragen (HTTP 429); %n Produkt behalten. Versuchen Sie es später erneut.</numerusform>
            <numerusform>Amazon drosselt die Anfragen (HTTP 429); %n Produkte behalten. Versuchen Sie es später erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon answered HTTP %1 for search page %2</source>
        <translation>Amazon antwortete mit HTTP %1 für Suchseite %2</translation>
    </message>
    <message>
        <source>Amazon answered %1 instead of a web page</source>
        <translation>Amazon lieferte %1 statt einer Webseite</translation>
    </message>
    <message>
        <source>Amazon search page %1 could not be read: %2</source>
        <translation>Amazon-Suchseite %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Amazon &quot;%1&quot;: page %2, %n product(s)</source>
        <translation>
            <numerusform>Amazon „%1“: Seite %2, %n Produkt</numerusform>
            <numerusform>Amazon „%1“: Seite %2, %n Produkte</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon returned a page without search results or a result count; it is probably blocking automated requests</source>
        <translation>Amazon lieferte eine Seite ohne Suchergebnisse oder Trefferzahl; vermutlich werden automatisierte Anfragen blockiert</translation>
    </message>
    <message>
        <source>Amazon has no results for &quot;%1&quot;</source>
        <translation>Amazon hat keine Ergebnisse für „%1“</translation>
    </message>
    <message numerus="yes">
        <source>Amazon search page %1 arrived incomplete (it ends before &lt;/html&gt;); %n product(s) kept</source>
        <translation>
            <numerusform>Amazon-Suchseite %1 kam unvollständig an (sie endet vor &lt;/html&gt;); %n Produkt behalten</numerusform>
            <numerusform>Amazon-Suchseite %1 kam unvollständig an (sie endet vor &lt;/html&gt;); %n Produkte behalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no Best Sellers Rank for %n product(s) whose page could not be read (%1)</source>
        <translation>
            <numerusform>kein Bestseller-Rang für %n Produkt, dessen Seite nicht gelesen werden konnte (%1)</numerusform>
            <numerusform>kein Bestseller-Rang für %n Produkte, deren Seiten nicht gelesen werden konnten (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon &quot;%1&quot;: product page %2 of %3</source>
        <translation>Amazon „%1“: Produktseite %2 von %3</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>the page arrived incomplete</source>
        <translation>die Seite kam unvollständig an</translation>
    </message>
</context>
<context>
    <name>Analysis</name>
    <message>
        <source>Analysis cancelled</source>
        <translation>Analyse abgebrochen</translation>
    </message>
    <message>
        <source>Reading products failed: %1</source>
        <translation>Lesen der Produkte fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n trend(s) from %1 products</source>
        <translation>
            <numerusform>%n Trend aus %1 Produkten</numerusform>
            <numerusform>%n Trends aus %1 Produkten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finding niches in %n product(s)…</source>
        <translation>
            <numerusform>Suche Nischen in %n Produkt…</numerusform>
            <numerusform>Suche Nischen in %n Produkten…</numerusform>
        </translation>
    </message>
    <message>
        <source>Finding niches…</source>
        <translation>Suche Nischen…</translation>
    </message>
    <message>
        <source>Scoring niches…</source>
        <translation>Bewerte Nischen…</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n trend(s)…</source>
        <translation>
            <numerusform>Schreibe %n Trend…</numerusform>
            <numerusform>Schreibe %n Trends…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading products…</source>
        <translation>Lese Produkte…</translation>
    </message>
    <message numerus="yes">
        <source>%n trend(s) found</source>
        <translation>
            <numerusform>%n Trend gefunden</numerusform>
            <numerusform>%n Trends gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>all categories</source>
        <translation>alle Kategorien</translation>
    </message>
    <message>
        <source>Low competition (%1): room for new designs.</source>
        <translation>Geringer Wettbewerb (%1): Platz für neue Designs.</translation>
    </message>
    <message>
        <source>Crowded niche (competition %1): a design needs a clear angle.</source>
        <translation>Umkämpfte Nische (Wettbewerb %1): Ein Design braucht einen klaren Ansatz.</translation>
    </message>
    <message>
        <source>Reviews and favourites grow %1% per week (measured over %2 days).</source>
        <translation>Rezensionen und Favoriten wachsen um %1 % pro Woche (gemessen über %2 Tage).</translation>
    </message>
    <message>
        <source>Interest is falling: %1% per week.</source>
        <translation>Das Interesse sinkt: %1 % pro Woche.</translation>
    </message>
    <message numerus="yes">
        <source>Proven demand: %1 reviews across %n listing(s).</source>
        <translation>
            <numerusform>Nachgewiesene Nachfrage: %1 Rezensionen in %n Angebot.</numerusform>
            <numerusform>Nachgewiesene Nachfrage: %1 Rezensionen in %n Angeboten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bought for %1: %2 of %3 listings say so.</source>
        <translation>Gekauft für %1: laut %2 von %3 Angeboten.</translation>
    </message>
    <message>
        <source>Occasion: %1 (%2 listings).</source>
        <translation>Anlass: %1 (%2 Angebote).</translation>
    </message>
    <message>
        <source>Most listings use a %1 style (%2 of %3).</source>
        <translation>Die meisten Angebote nutzen den Stil %1 (%2 von %3).</translation>
    </message>
    <message>
        <source>Seasonal: peaks in %1; list designs a month or two ahead.</source>
        <translation>Saisonal: Höhepunkt im %1; veröffentlichen Sie Designs ein bis zwei Monate vorher.</translation>
    </message>
    <message>
        <source>Average margin %1 per sale after base cost and fees.</source>
        <translation>Durchschnittliche Marge %1 pro Verkauf nach Grundkosten und Gebühren.</translation>
    </message>
    <message>
        <source>No opportunity score: nothing here measures demand yet.</source>
        <translation>Kein Chancenwert: Hier wird die Nachfrage noch nicht gemessen.</translation>
    </message>
    <message>
        <source>Opportunity %1 of 100; demand %2: %3.</source>
        <translation>Chance %1 von 100; Nachfrage %2: %3.</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; in %2: %n product(s) on %3, priced %4–%5 (average %6).</source>
        <translation>
            <numerusform>„%1“ in %2: %n Produkt auf %3, Preis %4–%5 (Durchschnitt %6).</numerusform>
            <numerusform>„%1“ in %2: %n Produkte auf %3, Preise %4–%5 (Durchschnitt %6).</numerusform>
        </translation>
    </message>
    <message>
        <source>Average price %1, in the %2 range; listings: %3.</source>
        <translation>Durchschnittspreis %1, im Bereich %2; Angebote: %3.</translation>
    </message>
</context>
<context>
    <name>ApiKeyStore</name>
    <message>
        <source>Give the key a name, e.g. the tool that will use it</source>
        <translation>Geben Sie dem Schlüssel einen Namen, z. B. das Tool, das ihn nutzt</translation>
    </message>
</context>
<context>
    <name>Audience</name>
    <message>
        <source>under $20</source>
        <translation>unter 20 $</translation>
    </message>
    <message>
        <source>$20–$50</source>
        <translation>20–50 $</translation>
    </message>
    <message>
        <source>$50 or more</source>
        <translation>50 $ oder mehr</translation>
    </message>
    <message>
        <source>%1 under $20, %2 at $20–$50, %3 at $50 or more</source>
        <translation>%1 unter 20 $, %2 bei 20–50 $, %3 bei 50 $ oder mehr</translation>
    </message>
</context>
<context>
    <name>ChangeNotifier</name>
    <message>
        <source>Cannot watch the database for changes: %1</source>
        <translation>Die Datenbank kann nicht auf Änderungen überwacht werden: %1</translation>
    </message>
</context>
<context>
    <name>ChartText</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>values</source>
        <translation>Werte</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s) from %2 to %3</source>
        <translation>
            <numerusform>%1: %n Punkt von %2 bis %3</numerusform>
            <numerusform>%1: %n Punkte von %2 bis %3</numerusform>
        </translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>noch keine Daten</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>print the run&apos;s figures as JSON</source>
        <translation>die Kennzahlen des Laufs als JSON ausgeben</translation>
    </message>
    <message>
        <source>products a niche needs (default 3)</source>
        <translation>Mindestzahl an Produkten pro Nische (Standard 3)</translation>
    </message>
    <message>
        <source>--%1 takes a whole number of 1 or more</source>
        <translation>--%1 erwartet eine ganze Zahl ab 1</translation>
    </message>
    <message>
        <source>Analysed %1 products: %2 trends (%3 new, %4 updated, %5 removed); %6 products belong to a trend.</source>
        <translation>%1 Produkte analysiert: %2 Trends (%3 neu, %4 aktualisiert, %5 entfernt); %6 Produkte gehören zu einem Trend.</translation>
    </message>
    <message>
        <source>Time: read %1 ms, compute %2 ms, write %3 ms.</source>
        <translation>Zeit: Lesen %1 ms, Berechnen %2 ms, Schreiben %3 ms.</translation>
    </message>
    <message>
        <source>No niche has %1 or more products yet: collect more listings and run analyze again.</source>
        <translation>Noch keine Nische hat %1 oder mehr Produkte: Erfassen Sie mehr Angebote und führen Sie analyze erneut aus.</translation>
    </message>
    <message>
        <source>Usage: podtrends [--db PATH|postgres://user:pass@host:port/db] [--log-json FILE] COMMAND [options]
       podtrends [--db …]            open the window

Global options:
  --db SPEC          SQLite file path or PostgreSQL URL (default: podtrends.sqlite in the data folder)
  --log-json FILE    append structured JSON log lines to FILE
  -h, --help         show this help
  -v, --version      show the version

Commands:
</source>
        <translation>Aufruf: podtrends [--db PATH|postgres://user:pass@host:port/db] [--log-json FILE] COMMAND [Optionen]
        podtrends [--db …]            öffnet das Fenster

Globale Optionen:
  --db SPEC          SQLite-Dateipfad oder PostgreSQL-URL (Standard: podtrends.sqlite im Datenordner)
  --log-json FILE    strukturierte JSON-Logzeilen an FILE anhängen
  -h, --help         diese Hilfe anzeigen
  -v, --version      die Version anzeigen

Befehle:
</translation>
    </message>
    <message>
        <source>
Exit codes: 0 success, 1 failure, 2 bad usage or input. Run &quot;podtrends COMMAND --help&quot; for a command&apos;s options.
</source>
        <translation>
Exit-Codes: 0 Erfolg, 1 Fehler, 2 falscher Aufruf oder ungültige Eingabe. „podtrends COMMAND --help“ zeigt die Optionen eines Befehls.
</translation>
    </message>
    <message>
        <source>collect listings from a marketplace into the database</source>
        <translation>Angebote eines Marktplatzes in die Datenbank erfassen</translation>
    </message>
    <message>
        <source>import saved Amazon pages, products.json, Etsy API JSON or CSV exports</source>
        <translation>gespeicherte Amazon-Seiten, products.json, Etsy-API-JSON oder CSV-Exporte importieren</translation>
    </message>
    <message>
        <source>find and score niches from the stored products</source>
        <translation>Nischen aus den gespeicherten Produkten finden und bewerten</translation>
    </message>
    <message>
        <source>list stored products</source>
        <translation>gespeicherte Produkte auflisten</translation>
    </message>
    <message>
        <source>generate designs for a trend</source>
        <translation>Designs für einen Trend erzeugen</translation>
    </message>
    <message>
        <source>list designs</source>
        <translation>Designs auflisten</translation>
    </message>
    <message>
        <source>publish a design to Printful and Shopify</source>
        <translation>ein Design auf Printful und Shopify veröffentlichen</translation>
    </message>
    <message>
        <source>the marketplaces and sources with their status</source>
        <translation>die Marktplätze und Quellen mit ihrem Status</translation>
    </message>
    <message>
        <source>run scheduled jobs from the shared database</source>
        <translation>geplante Aufträge aus der gemeinsamen Datenbank ausführen</translation>
    </message>
    <message>
        <source>serve the local REST API (/api/v1/…)</source>
        <translation>die lokale REST-API bereitstellen (/api/v1/…)</translation>
    </message>
    <message>
        <source>Usage: podtrends %1</source>
        <translation>Aufruf: podtrends %1</translation>
    </message>
    <message>
        <source>Option %1 needs a value</source>
        <translation>Option %1 braucht einen Wert</translation>
    </message>
    <message>
        <source>Unknown option: %1</source>
        <translation>Unbekannte Option: %1</translation>
    </message>
    <message>
        <source>Unknown command: %1</source>
        <translation>Unbekannter Befehl: %1</translation>
    </message>
    <message>
        <source>Cannot write the log file %1: %2</source>
        <translation>Die Logdatei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>the trend to design for</source>
        <translation>der Trend, für den Designs erzeugt werden</translation>
    </message>
    <message>
        <source>how many variants (default 3)</source>
        <translation>wie viele Varianten (Standard 3)</translation>
    </message>
    <message>
        <source>builtin (offline, default) or openai</source>
        <translation>builtin (offline, Standard) oder openai</translation>
    </message>
    <message>
        <source>seed for a reproducible result</source>
        <translation>Seed für ein reproduzierbares Ergebnis</translation>
    </message>
    <message>
        <source>folder for the files (default: designs/ in the data folder)</source>
        <translation>Ordner für die Dateien (Standard: designs/ im Datenordner)</translation>
    </message>
    <message>
        <source>print the stored designs as JSON</source>
        <translation>die gespeicherten Designs als JSON ausgeben</translation>
    </message>
    <message>
        <source>generate takes one trend id (see &quot;podtrends trends&quot;)</source>
        <translation>generate erwartet genau eine Trend-ID (siehe „podtrends trends“)</translation>
    </message>
    <message>
        <source>--variants takes a whole number from 1 to 12</source>
        <translation>--variants erwartet eine ganze Zahl von 1 bis 12</translation>
    </message>
    <message>
        <source>--provider is builtin or openai</source>
        <translation>--provider ist builtin oder openai</translation>
    </message>
    <message>
        <source>--seed takes a whole number from 0 to 4294967295</source>
        <translation>--seed erwartet eine ganze Zahl von 0 bis 4294967295</translation>
    </message>
    <message>
        <source>Design %1: %2</source>
        <translation>Design %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n design(s) generated</source>
        <translation>
            <numerusform>%n Design erzeugt</numerusform>
            <numerusform>%n Designs erzeugt</numerusform>
        </translation>
    </message>
    <message>
        <source>--limit takes a whole number of 0 or more</source>
        <translation>--limit erwartet eine ganze Zahl ab 0</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>JSON ausgeben</translation>
    </message>
    <message>
        <source>only this marketplace</source>
        <translation>nur dieser Marktplatz</translation>
    </message>
    <message>
        <source>words in title, tags or vendor</source>
        <translation>Wörter in Titel, Tags oder Anbieter</translation>
    </message>
    <message>
        <source>only this category</source>
        <translation>nur diese Kategorie</translation>
    </message>
    <message>
        <source>at most N products</source>
        <translation>höchstens N Produkte</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n Produkt</numerusform>
            <numerusform>%n Produkte</numerusform>
        </translation>
    </message>
    <message>
        <source>marketplace %1: %2, last scraped %3%4
</source>
        <translation>Marktplatz %1: %2, zuletzt erfasst %3%4
</translation>
    </message>
    <message>
        <source>at most N trends</source>
        <translation>höchstens N Trends</translation>
    </message>
    <message>
        <source>only trends scoring at least S overall</source>
        <translation>nur Trends mit einem Gesamtwert von mindestens S</translation>
    </message>
    <message numerus="yes">
        <source>%n trend(s)</source>
        <translation>
            <numerusform>%n Trend</numerusform>
            <numerusform>%n Trends</numerusform>
        </translation>
    </message>
    <message>
        <source>only designs of this trend</source>
        <translation>nur Designs dieses Trends</translation>
    </message>
    <message>
        <source>draft, ready or published</source>
        <translation>draft, ready oder published</translation>
    </message>
    <message numerus="yes">
        <source>%n design(s)</source>
        <translation>
            <numerusform>%n Design</numerusform>
            <numerusform>%n Designs</numerusform>
        </translation>
    </message>
    <message>
        <source>the design to publish</source>
        <translation>das zu veröffentlichende Design</translation>
    </message>
    <message>
        <source>create the Printful product (with --shopify: both; neither: both)</source>
        <translation>das Printful-Produkt anlegen (mit --shopify: beides; ohne beide Optionen: beides)</translation>
    </message>
    <message>
        <source>create the Shopify draft product</source>
        <translation>das Shopify-Produkt als Entwurf anlegen</translation>
    </message>
    <message>
        <source>colours to offer, comma-separated (default Black,White)</source>
        <translation>anzubietende Farben, durch Komma getrennt (Standard Black,White)</translation>
    </message>
    <message>
        <source>sizes to offer, comma-separated (default S,M,L,XL,2XL)</source>
        <translation>anzubietende Größen, durch Komma getrennt (Standard S,M,L,XL,2XL)</translation>
    </message>
    <message>
        <source>Usage: podtrends publish DESIGN_ID [--printful] [--shopify]</source>
        <translation>Aufruf: podtrends publish DESIGN_ID [--printful] [--shopify]</translation>
    </message>
    <message>
        <source>DESIGN_ID must be a positive number, not &quot;%1&quot;.</source>
        <translation>DESIGN_ID muss eine positive Zahl sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation>Es gibt kein Design %1.</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>waiting:</source>
        <translation>wartet:</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed:</source>
        <translation>fehlgeschlagen:</translation>
    </message>
    <message>
        <source>Imported %1 product(s) from %2 file(s): %3 new, %4 updated; %5 file(s) skipped</source>
        <translation>%1 Produkt(e) aus %2 Datei(en) importiert: %3 neu, %4 aktualisiert; %5 Datei(en) übersprungen</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: %3 product(s) from %4 page(s): %5 new, %6 updated</source>
        <translation>%1 „%2“: %3 Produkt(e) aus %4 Seite(n): %5 neu, %6 aktualisiert</translation>
    </message>
    <message>
        <source>Marketplace results for the query: %1</source>
        <translation>Marktplatz-Ergebnisse für die Suche: %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>The run ended with status %1</source>
        <translation>Der Lauf endete mit Status %1</translation>
    </message>
    <message>
        <source>--%1 takes a whole number greater than 0</source>
        <translation>--%1 erwartet eine ganze Zahl größer als 0</translation>
    </message>
    <message>
        <source>shopify, etsy or amazon</source>
        <translation>shopify, etsy oder amazon</translation>
    </message>
    <message>
        <source>the store URL (shopify) or the search keywords</source>
        <translation>die Shop-URL (shopify) oder die Suchbegriffe</translation>
    </message>
    <message>
        <source>shopify: at most N pages of 250 products</source>
        <translation>shopify: höchstens N Seiten mit je 250 Produkten</translation>
    </message>
    <message>
        <source>etsy: at most N listings (default 1000, at most 12,100)</source>
        <translation>etsy: höchstens N Angebote (Standard 1000, maximal 12.100)</translation>
    </message>
    <message>
        <source>amazon: search result pages (default 3)</source>
        <translation>amazon: Seiten mit Suchergebnissen (Standard 3)</translation>
    </message>
    <message>
        <source>print the run summary as JSON</source>
        <translation>die Zusammenfassung des Laufs als JSON ausgeben</translation>
    </message>
    <message>
        <source>no progress lines on stderr</source>
        <translation>keine Fortschrittszeilen auf stderr</translation>
    </message>
    <message>
        <source>Usage: podtrends scrape shopify STORE_URL | etsy KEYWORDS | amazon KEYWORDS</source>
        <translation>Aufruf: podtrends scrape shopify STORE_URL | etsy KEYWORDS | amazon KEYWORDS</translation>
    </message>
    <message>
        <source>files or folders (imported recursively)</source>
        <translation>Dateien oder Ordner (werden rekursiv importiert)</translation>
    </message>
    <message>
        <source>Usage: podtrends import FILE_OR_DIR...</source>
        <translation>Aufruf: podtrends import FILE_OR_DIR...</translation>
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation>Datei oder Ordner nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Jobs to run at once (default 1).</source>
        <translation>Gleichzeitig laufende Aufträge (Standard 1).</translation>
    </message>
    <message>
        <source>Comma-separated job kinds to take (default: all this program knows).</source>
        <translation>Zu übernehmende Auftragsarten, durch Komma getrennt (Standard: alle, die dieses Programm kennt).</translation>
    </message>
    <message>
        <source>How long a job stays ours without a heartbeat (default 60).</source>
        <translation>Wie lange ein Auftrag ohne Lebenszeichen für uns reserviert bleibt (Standard 60).</translation>
    </message>
    <message>
        <source>How often an idle worker looks for due jobs (default 1000).</source>
        <translation>Wie oft ein untätiger Worker nach fälligen Aufträgen sucht (Standard 1000).</translation>
    </message>
    <message>
        <source>Do not queue scrapes of due sources (another worker or the app does).</source>
        <translation>Keine Erfassungen fälliger Quellen einreihen (das übernimmt ein anderer Worker oder die App).</translation>
    </message>
    <message>
        <source>--concurrency needs a number from 1 to 64</source>
        <translation>--concurrency braucht eine Zahl von 1 bis 64</translation>
    </message>
    <message>
        <source>--lease-seconds needs a positive number</source>
        <translation>--lease-seconds braucht eine positive Zahl</translation>
    </message>
    <message>
        <source>--poll-ms needs a positive number</source>
        <translation>--poll-ms braucht eine positive Zahl</translation>
    </message>
    <message>
        <source>Unknown job kind: %1 (known: %2)</source>
        <translation>Unbekannte Auftragsart: %1 (bekannt: %2)</translation>
    </message>
    <message>
        <source>This program has no job handlers to run</source>
        <translation>Dieses Programm hat keine Handler für Aufträge</translation>
    </message>
    <message>
        <source>TCP port (default 8000; 0 picks a free one).</source>
        <translation>TCP-Port (Standard 8000; 0 wählt einen freien).</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1, this machine only).</source>
        <translation>Adresse, auf der gelauscht wird (Standard 127.0.0.1, nur dieser Rechner).</translation>
    </message>
    <message>
        <source>Requests per second per client (default 20; 0 turns limiting off).</source>
        <translation>Anfragen pro Sekunde und Client (Standard 20; 0 schaltet die Begrenzung ab).</translation>
    </message>
    <message>
        <source>Requests a client may send at once (default 40).</source>
        <translation>Gleichzeitige Anfragen pro Client (Standard 40).</translation>
    </message>
    <message>
        <source>Comma-separated browser origins allowed to call the API, or *.</source>
        <translation>Browser-Origins, die die API aufrufen dürfen, durch Komma getrennt, oder *.</translation>
    </message>
    <message>
        <source>Create an API key with this name, print it once and exit.</source>
        <translation>Einen API-Schlüssel mit diesem Namen erstellen, einmalig anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Revoke the API key with this id and exit.</source>
        <translation>Den API-Schlüssel mit dieser ID widerrufen und beenden.</translation>
    </message>
    <message>
        <source>List the API keys (never the keys themselves) and exit.</source>
        <translation>Die API-Schlüssel auflisten (nie die Schlüssel selbst) und beenden.</translation>
    </message>
    <message>
        <source>API key %1 (id %2) created; it is shown only this once.</source>
        <translation>API-Schlüssel %1 (ID %2) erstellt; er wird nur dieses eine Mal angezeigt.</translation>
    </message>
    <message>
        <source>--revoke-key needs a key id (see --list-keys)</source>
        <translation>--revoke-key braucht eine Schlüssel-ID (siehe --list-keys)</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535</source>
        <translation>--port braucht eine Zahl von 0 bis 65535</translation>
    </message>
    <message>
        <source>--bind needs an IP address such as 127.0.0.1</source>
        <translation>--bind braucht eine IP-Adresse wie 127.0.0.1</translation>
    </message>
    <message>
        <source>--rate-limit needs a number of requests per second (0 turns it off)</source>
        <translation>--rate-limit braucht eine Anzahl Anfragen pro Sekunde (0 schaltet es ab)</translation>
    </message>
    <message>
        <source>--burst needs a positive number</source>
        <translation>--burst braucht eine positive Zahl</translation>
    </message>
    <message>
        <source>worker threads (default: one per core; at most four per core, or 8)</source>
        <translation>Worker-Threads (Standard: einer pro Kern; höchstens vier pro Kern oder 8)</translation>
    </message>
    <message>
        <source>list trends, best opportunity first</source>
        <translation>Trends auflisten, beste Chance zuerst</translation>
    </message>
    <message>
        <source>opportunity (default) or overall (the seed&apos;s score)</source>
        <translation>opportunity (Standard) oder overall (Gesamtwert aus dem Seed)</translation>
    </message>
    <message>
        <source>--sort takes opportunity or overall, not &quot;%1&quot;</source>
        <translation>--sort erwartet opportunity oder overall, nicht „%1“</translation>
    </message>
    <message>
        <source>--status takes draft, ready or published</source>
        <translation>--status erwartet draft, ready oder published</translation>
    </message>
    <message>
        <source>amazon: also read the first N results&apos; product pages for their Best Sellers Rank</source>
        <translation>amazon: auch die Produktseiten der ersten N Ergebnisse lesen, um den Bestseller-Rang zu erhalten</translation>
    </message>
    <message>
        <source>Unknown marketplace &quot;%1&quot; (use shopify, etsy or amazon)</source>
        <translation>Unbekannter Marktplatz „%1“ (verwenden Sie shopify, etsy oder amazon)</translation>
    </message>
    <message>
        <source>--product-pages takes a whole number of 0 or more</source>
        <translation>--product-pages erwartet eine ganze Zahl ab 0</translation>
    </message>
    <message>
        <source>--min-score takes a number, such as 60, not &quot;%1&quot;</source>
        <translation>--min-score erwartet eine Zahl, etwa 60, nicht „%1“</translation>
    </message>
    <message>
        <source>--trend takes a trend&apos;s id (see &quot;podtrends trends&quot;), not &quot;%1&quot;</source>
        <translation>--trend erwartet die ID eines Trends (siehe „podtrends trends“), nicht „%1“</translation>
    </message>
    <message>
        <source>No API key has the id %1 (see --list-keys)</source>
        <translation>Es gibt keinen API-Schlüssel mit der ID %1 (siehe --list-keys)</translation>
    </message>
    <message>
        <source>product type: tshirt, hoodie, longsleeve, mug, poster or tote (default tshirt)</source>
        <translation>Produktart: tshirt, hoodie, longsleeve, mug, poster oder tote (Standard tshirt)</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a SQLite database; it was left untouched</source>
        <translation>%1 ist keine SQLite-Datenbank; die Datei bleibt unverändert</translation>
    </message>
    <message>
        <source>PostgreSQL at %1 refused the user name or password</source>
        <translation>PostgreSQL unter %1 hat Benutzername oder Passwort abgelehnt</translation>
    </message>
    <message>
        <source>PostgreSQL at %1: %2</source>
        <translation>PostgreSQL unter %1: %2</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: %2</source>
        <translation>Keine Verbindung zu PostgreSQL unter %1: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the schema version: %1</source>
        <translation>Die Schema-Version kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 is damaged (%2); it was left untouched</source>
        <translation>%1 ist beschädigt (%2); die Datei bleibt unverändert</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of POD Trends (schema %2, this program knows up to %3); it was left untouched</source>
        <translation>Die Datenbank %1 wurde von einer neueren Version von POD Trends geschrieben (Schema %2, dieses Programm kennt bis %3); sie bleibt unverändert</translation>
    </message>
    <message>
        <source>No database file given</source>
        <translation>Keine Datenbankdatei angegeben</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file</source>
        <translation>%1 ist ein Ordner, keine Datenbankdatei</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>The folder of %1 is not writable</source>
        <translation>Der Ordner von %1 ist nicht beschreibbar</translation>
    </message>
    <message>
        <source>The database was written by a newer version of POD Trends (schema %1, this program knows %2)</source>
        <translation>Die Datenbank wurde von einer neueren Version von POD Trends geschrieben (Schema %1, dieses Programm kennt %2)</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3</source>
        <translation>Migration %1 (%2) fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>No transaction is active</source>
        <translation>Keine Transaktion aktiv</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the disk is full; nothing was saved</source>
        <translation>der Datenträger ist voll; nichts wurde gespeichert</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: expected postgres://user:password@host:port/dbname</source>
        <translation>Ungültige PostgreSQL-URL: erwartet wird postgres://user:password@host:port/dbname</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: the database name is missing (postgres://user:password@host:port/dbname)</source>
        <translation>Ungültige PostgreSQL-URL: der Datenbankname fehlt (postgres://user:password@host:port/dbname)</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: invalid port</source>
        <translation>Ungültige PostgreSQL-URL: ungültiger Port</translation>
    </message>
    <message>
        <source>Unsupported database URL &quot;%1&quot;: use a file path or postgres://…</source>
        <translation>Nicht unterstützte Datenbank-URL „%1“: verwenden Sie einen Dateipfad oder postgres://…</translation>
    </message>
    <message>
        <source>The database is not open</source>
        <translation>Die Datenbank ist nicht geöffnet</translation>
    </message>
    <message>
        <source>A product without marketplace or external id cannot be stored (&quot;%1&quot;)</source>
        <translation>Ein Produkt ohne Marktplatz oder externe ID kann nicht gespeichert werden („%1“)</translation>
    </message>
    <message>
        <source>Saving products failed: %1</source>
        <translation>Speichern der Produkte fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Saving snapshots failed: %1</source>
        <translation>Speichern der Snapshots fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Writing the CSV file failed: %1</source>
        <translation>Schreiben der CSV-Datei fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The export was cancelled</source>
        <translation>Der Export wurde abgebrochen</translation>
    </message>
    <message>
        <source>The SQLite driver gave no database handle</source>
        <translation>Der SQLite-Treiber lieferte kein Datenbank-Handle</translation>
    </message>
    <message>
        <source>Assigning products to trends failed: %1</source>
        <translation>Zuordnen der Produkte zu Trends fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Saving trends failed: %1</source>
        <translation>Speichern der Trends fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Removing old trends failed: %1</source>
        <translation>Entfernen alter Trends fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the check gave no answer</source>
        <translation>die Prüfung lieferte keine Antwort</translation>
    </message>
    <message>
        <source>the disk or folder is mounted read-only</source>
        <translation>der Datenträger oder Ordner ist schreibgeschützt eingebunden</translation>
    </message>
    <message>
        <source>no permission to write there</source>
        <translation>keine Berechtigung, dort zu schreiben</translation>
    </message>
    <message>
        <source>%1 is in a read-only location (%2). POD Trends writes to the file and beside it, so it was left untouched; copy it to a folder you can write to and open the copy</source>
        <translation>%1 liegt an einem schreibgeschützten Ort (%2). POD Trends schreibt in die Datei und daneben, daher bleibt sie unverändert; kopieren Sie sie in einen beschreibbaren Ordner und öffnen Sie die Kopie</translation>
    </message>
    <message>
        <source>%1 cannot be created: its folder is read-only (%2)</source>
        <translation>%1 kann nicht erstellt werden: der Ordner ist schreibgeschützt (%2)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is another program&apos;s SQLite database (its tables: %2); it was left untouched. Choose a new file or one POD Trends created</source>
        <translation>%1 ist die SQLite-Datenbank eines anderen Programms (Tabellen: %2); sie bleibt unverändert. Wählen Sie eine neue Datei oder eine, die POD Trends erstellt hat</translation>
    </message>
    <message>
        <source>POD Trends is closing</source>
        <translation>POD Trends wird beendet</translation>
    </message>
    <message>
        <source>%1 is damaged (%2). Close POD Trends and make a copy of the file before anything else writes to it.</source>
        <translation>%1 ist beschädigt (%2). Schließen Sie POD Trends und kopieren Sie die Datei, bevor etwas anderes hineinschreibt.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Searching needs SQLite&apos;s full-text search (FTS5), which this SQLite lacks</source>
        <translation>Die Suche braucht die Volltextsuche von SQLite (FTS5), die diesem SQLite fehlt</translation>
    </message>
    <message>
        <source>A filter value could not be passed to SQLite</source>
        <translation>Ein Filterwert konnte nicht an SQLite übergeben werden</translation>
    </message>
    <message>
        <source>Reading products failed: %1</source>
        <translation>Lesen der Produkte fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The database %1 cannot be updated: its recorded version does not match its tables (was it edited by hand?). It was left as it was; restore a backup or use a new database file.</source>
        <translation>Die Datenbank %1 kann nicht aktualisiert werden: Ihre gespeicherte Version passt nicht zu ihren Tabellen (wurde sie von Hand bearbeitet?). Sie wurde nicht verändert; stellen Sie eine Sicherung wieder her oder verwenden Sie eine neue Datenbankdatei.</translation>
    </message>
    <message>
        <source>A transaction is already open</source>
        <translation>Eine Transaktion ist bereits offen</translation>
    </message>
</context>
<context>
    <name>Design</name>
    <message>
        <source>draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>published</source>
        <translation>veröffentlicht</translation>
    </message>
</context>
<context>
    <name>DesignBrief</name>
    <message>
        <source>typographic</source>
        <translation>typografisch</translation>
    </message>
    <message>
        <source>badge</source>
        <translation>Abzeichen</translation>
    </message>
    <message>
        <source>retro sunset</source>
        <translation>Retro-Sonnenuntergang</translation>
    </message>
    <message>
        <source>minimal line</source>
        <translation>minimalistische Linien</translation>
    </message>
    <message>
        <source>distressed</source>
        <translation>Used-Look</translation>
    </message>
</context>
<context>
    <name>DesignGenerator</name>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;: use builtin or openai</source>
        <translation>Unbekannter Anbieter „%1“: verwenden Sie builtin oder openai</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>The number of variants must be between 1 and 12</source>
        <translation>Die Anzahl der Varianten muss zwischen 1 und 12 liegen</translation>
    </message>
    <message>
        <source>There is no trend with id %1</source>
        <translation>Es gibt keinen Trend mit der ID %1</translation>
    </message>
    <message>
        <source>Variant %1: artwork</source>
        <translation>Variante %1: Grafik</translation>
    </message>
    <message>
        <source>Variant %1: print files and mockups</source>
        <translation>Variante %1: Druckdateien und Mockups</translation>
    </message>
    <message>
        <source>Variant %1: %2</source>
        <translation>Variante %1: %2</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
</context>
<context>
    <name>DesignRepository</name>
    <message>
        <source>Design %1 no longer exists.</source>
        <translation>Design %1 existiert nicht mehr.</translation>
    </message>
</context>
<context>
    <name>DesignService</name>
    <message>
        <source>There is no design with id %1</source>
        <translation>Es gibt kein Design mit der ID %1</translation>
    </message>
    <message>
        <source>The print files have not passed their checks (size, DPI, transparency); regenerate the design.</source>
        <translation>Die Druckdateien haben die Prüfungen nicht bestanden (Größe, DPI, Transparenz); erzeugen Sie das Design neu.</translation>
    </message>
    <message>
        <source>The print file %1 is missing; regenerate the design.</source>
        <translation>Die Druckdatei %1 fehlt; erzeugen Sie das Design neu.</translation>
    </message>
    <message>
        <source>Design %1 is already published</source>
        <translation>Design %1 ist bereits veröffentlicht</translation>
    </message>
    <message>
        <source>Design %1 cannot be marked ready: %2</source>
        <translation>Design %1 kann nicht als fertig markiert werden: %2</translation>
    </message>
    <message>
        <source>Design %1 is published; generate a new one instead</source>
        <translation>Design %1 ist veröffentlicht; erzeugen Sie stattdessen ein neues</translation>
    </message>
    <message>
        <source>The slogan cannot be empty</source>
        <translation>Der Slogan darf nicht leer sein</translation>
    </message>
    <message>
        <source>The illustration of design %1 is missing; regenerate it</source>
        <translation>Die Illustration von Design %1 fehlt; erzeugen Sie es neu</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2</source>
        <translation>%1 kann nicht nach %2 kopiert werden</translation>
    </message>
</context>
<context>
    <name>EtsyScraper</name>
    <message>
        <source>The Etsy API key must be &quot;keystring:shared_secret&quot;; the shared secret is missing</source>
        <translation>Der Etsy-API-Schlüssel muss „keystring:shared_secret“ lauten; das Shared Secret fehlt</translation>
    </message>
    <message>
        <source>Etsy search failed</source>
        <translation>Etsy-Suche fehlgeschlagen</translation>
    </message>
    <message>
        <source>Etsy refused the API key (HTTP %1: %2); check keystring:secret in Settings</source>
        <translation>Etsy hat den API-Schlüssel abgelehnt (HTTP %1: %2); prüfen Sie keystring:secret in den Einstellungen</translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation>verboten</translation>
    </message>
    <message>
        <source>Partial result: Etsy pages at most %1 listings per search</source>
        <translation>Teilergebnis: Etsy liefert pro Suche höchstens %1 Angebote</translation>
    </message>
    <message numerus="yes">
        <source>Etsy&apos;s rate limit was reached (HTTP 429) after %n listing(s); try again later</source>
        <translation>
            <numerusform>Das Anfragelimit von Etsy wurde nach %n Angebot erreicht (HTTP 429); versuchen Sie es später erneut</numerusform>
            <numerusform>Das Anfragelimit von Etsy wurde nach %n Angeboten erreicht (HTTP 429); versuchen Sie es später erneut</numerusform>
        </translation>
    </message>
    <message>
        <source>Etsy answered HTTP %1%2</source>
        <translation>Etsy antwortete mit HTTP %1%2</translation>
    </message>
    <message>
        <source>Etsy answered %1 instead of JSON</source>
        <translation>Etsy lieferte %1 statt JSON</translation>
    </message>
    <message numerus="yes">
        <source>Etsy&apos;s answer at offset %1 is not valid JSON (%2); %n listing(s) kept</source>
        <translation>
            <numerusform>Die Antwort von Etsy bei Offset %1 ist kein gültiges JSON (%2); %n Angebot behalten</numerusform>
            <numerusform>Die Antwort von Etsy bei Offset %1 ist kein gültiges JSON (%2); %n Angebote behalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Etsy &quot;%1&quot;: %n listing(s)</source>
        <translation>
            <numerusform>Etsy „%1“: %n Angebot</numerusform>
            <numerusform>Etsy „%1“: %n Angebote</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1 bei Byte %2</translation>
    </message>
    <message>
        <source>&quot;results&quot; is not a list</source>
        <translation>&quot;results&quot; ist keine Liste</translation>
    </message>
    <message>
        <source>no &quot;results&quot; list</source>
        <translation>keine Liste &quot;results&quot;</translation>
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <source>%1 closed the connection before the answer was complete</source>
        <translation>%1 hat die Verbindung geschlossen, bevor die Antwort vollständig war</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>The host %1 was not found</source>
        <translation>Der Host %1 wurde nicht gefunden</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Network error talking to %1</source>
        <translation>Netzwerkfehler bei der Verbindung zu %1</translation>
    </message>
    <message>
        <source>Not a valid web address: %1</source>
        <translation>Keine gültige Webadresse: %1</translation>
    </message>
    <message>
        <source>Unsupported address scheme &quot;%1&quot;</source>
        <translation>Nicht unterstütztes Adressschema „%1“</translation>
    </message>
    <message>
        <source>The answer from %1 is larger than %2 MB</source>
        <translation>Die Antwort von %1 ist größer als %2 MB</translation>
    </message>
    <message>
        <source>No answer from %1</source>
        <translation>Keine Antwort von %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Internal error: a blocking request from the network thread</source>
        <translation>Interner Fehler: blockierende Anfrage aus dem Netzwerk-Thread</translation>
    </message>
    <message>
        <source>%1 sent the request round in circles (too many redirects)</source>
        <translation>%1 hat die Anfrage im Kreis geschickt (zu viele Weiterleitungen)</translation>
    </message>
    <message>
        <source>%1 redirected to an insecure address</source>
        <translation>%1 hat an eine unsichere Adresse weitergeleitet</translation>
    </message>
    <message>
        <source>The answer from %1 could not be decoded (broken compression or framing)</source>
        <translation>Die Antwort von %1 konnte nicht dekodiert werden (fehlerhafte Komprimierung oder Rahmung)</translation>
    </message>
    <message numerus="yes">
        <source> (after %n attempt(s))</source>
        <translation>
            <numerusform> (nach %n Versuch)</numerusform>
            <numerusform> (nach %n Versuchen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the program is closing</source>
        <translation>Abgebrochen: Das Programm wird beendet</translation>
    </message>
    <message>
        <source>%1 kept refusing the request (HTTP %2, rate limited) for %3 s</source>
        <translation>%1 hat die Anfrage %3 s lang weiter abgelehnt (HTTP %2, Anfragelimit)</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet</translation>
    </message>
    <message>
        <source>%1 asked for a slower pace</source>
        <translation>%1 hat um ein langsameres Tempo gebeten</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 is rate limiting (HTTP %2)</source>
        <translation>%1 begrenzt die Anfragen (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 asked to wait (HTTP %2)</source>
        <translation>%1 bittet zu warten (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 antwortete mit HTTP %2</translation>
    </message>
    <message>
        <source>%1 did not answer properly</source>
        <translation>%1 hat nicht korrekt geantwortet</translation>
    </message>
    <message>
        <source>Plain http is refused for %1; use https (plain http is only allowed to this computer)</source>
        <translation>Unverschlüsseltes http wird für %1 abgelehnt; verwenden Sie https (http ist nur für diesen Computer erlaubt)</translation>
    </message>
</context>
<context>
    <name>HttpFront</name>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation>Lauschen auf %1:%2 nicht möglich: %3</translation>
    </message>
    <message>
        <source>The server is busy; try again shortly</source>
        <translation>Der Server ist ausgelastet; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <source>Bare LF in the request head</source>
        <translation>Einzelnes LF im Anfragekopf</translation>
    </message>
    <message>
        <source>Request target too long</source>
        <translation>Anfrageziel zu lang</translation>
    </message>
    <message>
        <source>Request header fields too large</source>
        <translation>Header-Felder der Anfrage zu groß</translation>
    </message>
    <message>
        <source>The request body is larger than %1 bytes</source>
        <translation>Der Anfrageinhalt ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>Server nicht aktiv</translation>
    </message>
    <message>
        <source>The request head did not arrive in time</source>
        <translation>Der Anfragekopf kam nicht rechtzeitig an</translation>
    </message>
    <message>
        <source>The request body did not arrive in time</source>
        <translation>Der Anfrageinhalt kam nicht rechtzeitig an</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>the CSV file is empty</source>
        <translation>die CSV-Datei ist leer</translation>
    </message>
    <message>
        <source>not an Etsy listings export (no TITLE and PRICE columns)</source>
        <translation>kein Etsy-Angebotsexport (keine Spalten TITLE und PRICE)</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>larger than 64 MB</source>
        <translation>größer als 64 MB</translation>
    </message>
    <message>
        <source>a saved robot check (captcha) page, not search results</source>
        <translation>eine gespeicherte Roboterprüfung (Captcha), keine Suchergebnisse</translation>
    </message>
    <message>
        <source>no Amazon search results or product found in the page</source>
        <translation>keine Amazon-Suchergebnisse oder Produkte auf der Seite gefunden</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation>kein gültiges JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>not a products.json, Etsy API answer, saved Amazon page or Etsy CSV export</source>
        <translation>weder products.json noch Etsy-API-Antwort, gespeicherte Amazon-Seite oder Etsy-CSV-Export</translation>
    </message>
    <message>
        <source>no products</source>
        <translation>keine Produkte</translation>
    </message>
    <message>
        <source>No importable files found (.html, .json, .csv)</source>
        <translation>Keine importierbaren Dateien gefunden (.html, .json, .csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped; first: %1</source>
        <translation>
            <numerusform>%n Datei übersprungen: %1</numerusform>
            <numerusform>%n Dateien übersprungen; erste: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>not a regular file (a pipe, socket or device); only saved files are imported</source>
        <translation>keine reguläre Datei (Pipe, Socket oder Gerät); nur gespeicherte Dateien werden importiert</translation>
    </message>
    <message>
        <source>a quoted field that starts on line %1 is never closed, so the rows after it cannot be told apart</source>
        <translation>ein Feld in Anführungszeichen, das in Zeile %1 beginnt, wird nie geschlossen, daher lassen sich die folgenden Zeilen nicht trennen</translation>
    </message>
    <message>
        <source>line %1 holds a NUL byte: save the export as UTF-8 text and import it again</source>
        <translation>Zeile %1 enthält ein NUL-Byte: Speichern Sie den Export als UTF-8-Text und importieren Sie ihn erneut</translation>
    </message>
    <message>
        <source>line %1 is not UTF-8 text: save the export as UTF-8 and import it again</source>
        <translation>Zeile %1 ist kein UTF-8-Text: Speichern Sie den Export als UTF-8 und importieren Sie ihn erneut</translation>
    </message>
    <message numerus="yes">
        <source>NUL characters were removed from %n product(s).</source>
        <translation>
            <numerusform>NUL-Zeichen wurden aus %n Produkt entfernt.</numerusform>
            <numerusform>NUL-Zeichen wurden aus %n Produkten entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The import stopped at %1 because the database could not store it: %2</source>
        <translation>Der Import hat bei %1 angehalten, weil die Datenbank sie nicht speichern konnte: %2</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>scrape</source>
        <translation>Erfassung</translation>
    </message>
    <message>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>design generation</source>
        <translation>Design-Erzeugung</translation>
    </message>
    <message>
        <source>publish</source>
        <translation>Veröffentlichung</translation>
    </message>
    <message>
        <source>test (no-op)</source>
        <translation>Test (ohne Aktion)</translation>
    </message>
    <message>
        <source>test (sleep)</source>
        <translation>Test (Warten)</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>store address or keywords</source>
        <translation>Shop-Adresse oder Suchbegriffe</translation>
    </message>
    <message>
        <source>page limit</source>
        <translation>Seitenbegrenzung</translation>
    </message>
    <message>
        <source>listing limit</source>
        <translation>Angebotsbegrenzung</translation>
    </message>
    <message>
        <source>files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>minimum number of products</source>
        <translation>Mindestzahl an Produkten</translation>
    </message>
    <message>
        <source>trend</source>
        <translation>Trend</translation>
    </message>
    <message>
        <source>number of variants</source>
        <translation>Anzahl der Varianten</translation>
    </message>
    <message>
        <source>image generator</source>
        <translation>Bildgenerator</translation>
    </message>
    <message>
        <source>design</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Printful choice</source>
        <translation>Printful-Auswahl</translation>
    </message>
    <message>
        <source>Shopify choice</source>
        <translation>Shopify-Auswahl</translation>
    </message>
    <message>
        <source>product type</source>
        <translation>Produktart</translation>
    </message>
    <message>
        <source>colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>sizes</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>record choice</source>
        <translation>Protokoll-Auswahl</translation>
    </message>
    <message>
        <source>The job&apos;s settings could not be read: this version of POD Trends does not know the marketplace &quot;%1&quot;.</source>
        <translation>Die Einstellungen des Auftrags konnten nicht gelesen werden: Diese Version von POD Trends kennt den Marktplatz „%1“ nicht.</translation>
    </message>
    <message>
        <source>The job&apos;s settings could not be read: its %1 is not in a form this version of POD Trends understands.</source>
        <translation>Die Einstellungen des Auftrags konnten nicht gelesen werden: „%1“ liegt in einer Form vor, die diese Version von POD Trends nicht versteht.</translation>
    </message>
</context>
<context>
    <name>JobHandlers</name>
    <message>
        <source>Slept %1 ms</source>
        <translation>%1 ms gewartet</translation>
    </message>
    <message>
        <source>Stopped before it finished</source>
        <translation>Vor dem Abschluss gestoppt</translation>
    </message>
    <message>
        <source>The scrape job names no source</source>
        <translation>Der Erfassungsauftrag nennt keine Quelle</translation>
    </message>
    <message>
        <source>Source %1 no longer exists</source>
        <translation>Quelle %1 existiert nicht mehr</translation>
    </message>
    <message>
        <source>Source %1 is being scraped already</source>
        <translation>Quelle %1 wird bereits erfasst</translation>
    </message>
    <message>
        <source>The scrape ended without a result</source>
        <translation>Die Erfassung endete ohne Ergebnis</translation>
    </message>
    <message>
        <source>The generate job names no trend</source>
        <translation>Der Erzeugungsauftrag nennt keinen Trend</translation>
    </message>
    <message>
        <source>No design was generated</source>
        <translation>Es wurde kein Design erzeugt</translation>
    </message>
</context>
<context>
    <name>JobLeases</name>
    <message>
        <source>It stopped before it finished: the program running it on %1 ended.</source>
        <translation>Der Auftrag wurde vor dem Abschluss gestoppt: Das Programm, das ihn auf %1 ausführte, wurde beendet.</translation>
    </message>
    <message>
        <source>It stopped before it finished: the program running it on %1 (process %2) ended.</source>
        <translation>Der Auftrag wurde vor dem Abschluss gestoppt: Das Programm, das ihn auf %1 (Prozess %2) ausführte, wurde beendet.</translation>
    </message>
    <message>
        <source>its start</source>
        <translation>seinem Start</translation>
    </message>
    <message>
        <source>the program running it</source>
        <translation>dem Programm, das ihn ausführt</translation>
    </message>
    <message>
        <source>It stopped before it finished: no sign of life from %1 since %2.</source>
        <translation>Der Auftrag wurde vor dem Abschluss gestoppt: kein Lebenszeichen von %1 seit %2.</translation>
    </message>
</context>
<context>
    <name>JobQueue</name>
    <message>
        <source>The job for %1 could not be queued</source>
        <translation>Der Auftrag für %1 konnte nicht eingereiht werden</translation>
    </message>
    <message>
        <source>Job %1 is no longer held by this worker</source>
        <translation>Auftrag %1 gehört nicht mehr zu diesem Worker</translation>
    </message>
    <message>
        <source>Job %1 is no longer held by this worker; its result was dropped</source>
        <translation>Auftrag %1 gehört nicht mehr zu diesem Worker; sein Ergebnis wurde verworfen</translation>
    </message>
    <message>
        <source>The worker running it stopped responding %1 times</source>
        <translation>Der ausführende Worker hat %1-mal nicht mehr reagiert</translation>
    </message>
</context>
<context>
    <name>JobRepository</name>
    <message>
        <source>The job&apos;s settings could not be read: the saved entry is damaged.</source>
        <translation>Die Einstellungen des Auftrags konnten nicht gelesen werden: Der gespeicherte Eintrag ist beschädigt.</translation>
    </message>
</context>
<context>
    <name>JobWorker</name>
    <message>
        <source>No handler for jobs of kind %1</source>
        <translation>Kein Handler für Aufträge der Art %1</translation>
    </message>
</context>
<context>
    <name>Mockups</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>OpenAiClient</name>
    <message>
        <source>The AI server address %1 is not a valid http(s) URL</source>
        <translation>Die KI-Serveradresse %1 ist keine gültige http(s)-URL</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1 rejected the API key (HTTP %2): %3</source>
        <translation>%1 hat den API-Schlüssel abgelehnt (HTTP %2): %3</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation>%1 antwortete mit HTTP %2: %3</translation>
    </message>
    <message>
        <source>%1 sent an answer that is not valid JSON</source>
        <translation>%1 hat eine Antwort gesendet, die kein gültiges JSON ist</translation>
    </message>
</context>
<context>
    <name>OpenAiProvider</name>
    <message>
        <source>The chat answer has no message</source>
        <translation>Die Chat-Antwort enthält keine Nachricht</translation>
    </message>
    <message>
        <source>The model refused the request: %1</source>
        <translation>Das Modell hat die Anfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>content filter</source>
        <translation>Inhaltsfilter</translation>
    </message>
    <message>
        <source>The model&apos;s answer is not the JSON object asked for</source>
        <translation>Die Antwort des Modells ist nicht das angeforderte JSON-Objekt</translation>
    </message>
    <message>
        <source>The model&apos;s JSON lacks a concept or usable slogans</source>
        <translation>Dem JSON des Modells fehlen ein Konzept oder brauchbare Slogans</translation>
    </message>
    <message>
        <source>The image server sent a URL instead of image data (b64_json)</source>
        <translation>Der Bildserver hat eine URL statt Bilddaten gesendet (b64_json)</translation>
    </message>
    <message>
        <source>The image server&apos;s answer has no image data</source>
        <translation>Die Antwort des Bildservers enthält keine Bilddaten</translation>
    </message>
    <message>
        <source>The image server&apos;s data is not a usable image</source>
        <translation>Die Daten des Bildservers sind kein brauchbares Bild</translation>
    </message>
    <message>
        <source>Concept request failed: %1</source>
        <translation>Konzeptanfrage fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Every slogan the model suggested names a protected brand or character</source>
        <translation>Jeder vorgeschlagene Slogan nennt eine geschützte Marke oder Figur</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Image request failed: %1</source>
        <translation>Bildanfrage fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>PngWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>PrintFiles</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a PNG file</source>
        <translation>%1 ist keine PNG-Datei</translation>
    </message>
    <message>
        <source>%1 has no PNG header</source>
        <translation>%1 hat keinen PNG-Header</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht erstellt werden</translation>
    </message>
</context>
<context>
    <name>PrintSpecification</name>
    <message>
        <source>the %1 print file did not pass its checks</source>
        <translation>die Druckdatei „%1“ hat die Prüfungen nicht bestanden</translation>
    </message>
    <message>
        <source>the %1 print file does not have the pixel size it needs</source>
        <translation>die Druckdatei „%1“ hat nicht die nötige Pixelgröße</translation>
    </message>
    <message>
        <source>the %1 print file&apos;s resolution is too low</source>
        <translation>die Auflösung der Druckdatei „%1“ ist zu niedrig</translation>
    </message>
    <message>
        <source>the %1 print file has no transparent background</source>
        <translation>die Druckdatei „%1“ hat keinen transparenten Hintergrund</translation>
    </message>
</context>
<context>
    <name>PrintfulClient</name>
    <message>
        <source>Printful rejected the token (401: %1). Check the Printful token in Settings → Accounts.</source>
        <translation>Printful hat das Token abgelehnt (401: %1). Prüfen Sie das Printful-Token unter Einstellungen → Konten.</translation>
    </message>
    <message>
        <source>Printful refused access (403: %1). The token needs the sync_products and file_library scopes, and the store id must be right.</source>
        <translation>Printful hat den Zugriff verweigert (403: %1). Das Token braucht die Scopes sync_products und file_library, und die Shop-ID muss stimmen.</translation>
    </message>
    <message>
        <source>Printful&apos;s rate limit is still exceeded after waiting (429: %1). Try again in a minute.</source>
        <translation>Das Anfragelimit von Printful ist nach dem Warten noch überschritten (429: %1). Versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <source>Printful answered %1 to %2: %3</source>
        <translation>Printful antwortete %1 auf %2: %3</translation>
    </message>
    <message>
        <source>Printful rate limit: waiting %1 s</source>
        <translation>Printful-Anfragelimit: warte %1 s</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Printful rate limit reached: waiting %1 s before retrying</source>
        <translation>Printful-Anfragelimit erreicht: warte %1 s vor dem nächsten Versuch</translation>
    </message>
    <message>
        <source>Printful did not answer properly (%1); retrying</source>
        <translation>Printful hat nicht korrekt geantwortet (%1); neuer Versuch</translation>
    </message>
    <message>
        <source>Printful: %1</source>
        <translation>Printful: %1</translation>
    </message>
    <message>
        <source>Printful answered %1 with something that is not JSON (%2).</source>
        <translation>Printful antwortete %1 mit etwas, das kein JSON ist (%2).</translation>
    </message>
    <message>
        <source>Printful&apos;s catalog has no product %1 (404). Check the catalog product id in Settings → Publishing.</source>
        <translation>Der Printful-Katalog hat kein Produkt %1 (404). Prüfen Sie die Katalog-Produkt-ID unter Einstellungen → Veröffentlichen.</translation>
    </message>
    <message>
        <source>Printful&apos;s catalog product %1 has no variants.</source>
        <translation>Das Printful-Katalogprodukt %1 hat keine Varianten.</translation>
    </message>
    <message>
        <source>Printful accepted the file but returned no id.</source>
        <translation>Printful hat die Datei angenommen, aber keine ID zurückgegeben.</translation>
    </message>
    <message>
        <source>Printful could not process the print file: %1</source>
        <translation>Printful konnte die Druckdatei nicht verarbeiten: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>Printful has not finished fetching the print file after %1 s (status &quot;%2&quot;). Retry later; publishing resumes from this step.</source>
        <translation>Printful hat die Druckdatei nach %1 s noch nicht abgerufen (Status „%2“). Versuchen Sie es später erneut; die Veröffentlichung setzt bei diesem Schritt wieder ein.</translation>
    </message>
    <message>
        <source>Printful created the product but returned no id.</source>
        <translation>Printful hat das Produkt erstellt, aber keine ID zurückgegeben.</translation>
    </message>
</context>
<context>
    <name>ProductKind</name>
    <message>
        <source>T-shirt</source>
        <translation>T-Shirt</translation>
    </message>
    <message>
        <source>hoodie</source>
        <translation>Hoodie</translation>
    </message>
    <message>
        <source>long-sleeve shirt</source>
        <translation>Langarmshirt</translation>
    </message>
    <message>
        <source>mug</source>
        <translation>Tasse</translation>
    </message>
    <message>
        <source>poster</source>
        <translation>Poster</translation>
    </message>
    <message>
        <source>sticker</source>
        <translation>Sticker</translation>
    </message>
    <message>
        <source>tote bag</source>
        <translation>Stofftasche</translation>
    </message>
    <message>
        <source>hat</source>
        <translation>Mütze</translation>
    </message>
    <message>
        <source>phone case</source>
        <translation>Handyhülle</translation>
    </message>
    <message>
        <source>pillow</source>
        <translation>Kissen</translation>
    </message>
    <message>
        <source>T-shirts</source>
        <translation>T-Shirts</translation>
    </message>
    <message>
        <source>hoodies</source>
        <translation>Hoodies</translation>
    </message>
    <message>
        <source>long-sleeve shirts</source>
        <translation>Langarmshirts</translation>
    </message>
    <message>
        <source>mugs</source>
        <translation>Tassen</translation>
    </message>
    <message>
        <source>posters</source>
        <translation>Poster</translation>
    </message>
    <message>
        <source>stickers</source>
        <translation>Sticker</translation>
    </message>
    <message>
        <source>tote bags</source>
        <translation>Stofftaschen</translation>
    </message>
    <message>
        <source>hats</source>
        <translation>Mützen</translation>
    </message>
    <message>
        <source>phone cases</source>
        <translation>Handyhüllen</translation>
    </message>
    <message>
        <source>pillows</source>
        <translation>Kissen</translation>
    </message>
</context>
<context>
    <name>ProductTypes</name>
    <message>
        <source>T-shirt</source>
        <translation>T-Shirt</translation>
    </message>
    <message>
        <source>Hoodie</source>
        <translation>Hoodie</translation>
    </message>
    <message>
        <source>Long-sleeve shirt</source>
        <translation>Langarmshirt</translation>
    </message>
    <message>
        <source>Mug</source>
        <translation>Tasse</translation>
    </message>
    <message>
        <source>Poster</source>
        <translation>Poster</translation>
    </message>
    <message>
        <source>Tote bag</source>
        <translation>Stofftasche</translation>
    </message>
</context>
<context>
    <name>PublishJob</name>
    <message>
        <source>The publish job names no design.</source>
        <translation>Der Veröffentlichungsauftrag nennt kein Design.</translation>
    </message>
</context>
<context>
    <name>PublishPlan</name>
    <message>
        <source>Unknown product type &quot;%1&quot;.</source>
        <translation>Unbekannte Produktart „%1“.</translation>
    </message>
    <message>
        <source>Design %1</source>
        <translation>Design %1</translation>
    </message>
    <message>
        <source>Choose Printful, Shopify or both.</source>
        <translation>Wählen Sie Printful, Shopify oder beides.</translation>
    </message>
    <message>
        <source>Choose at least one colour and one size.</source>
        <translation>Wählen Sie mindestens eine Farbe und eine Größe.</translation>
    </message>
    <message>
        <source>Printful&apos;s %1 is not made in %2.</source>
        <translation>Printful fertigt %1 nicht in %2.</translation>
    </message>
    <message>
        <source>%1 variants is more than Printful&apos;s 100 per product; choose fewer colours or sizes.</source>
        <translation>%1 Varianten sind mehr als die 100, die Printful pro Produkt erlaubt; wählen Sie weniger Farben oder Größen.</translation>
    </message>
    <message>
        <source>&lt;public URL of the print file&gt;</source>
        <translation>&lt;URL der Druckdatei (öffentlich)&gt;</translation>
    </message>
    <message>
        <source>&lt;Printful file id&gt;</source>
        <translation>&lt;Printful-Datei-ID&gt;</translation>
    </message>
    <message>
        <source>&lt;uploaded mockup&gt;</source>
        <translation>&lt;hochgeladenes Mockup&gt;</translation>
    </message>
    <message>
        <source>The costs and Printful variants of the %1 (%2) are read from Printful&apos;s catalog, which has not answered yet.</source>
        <translation>Die Kosten und Printful-Varianten der Produktart %1 (%2) stammen aus Printfuls Katalog, der noch nicht geantwortet hat.</translation>
    </message>
    <message>
        <source>The price of %1 must be more than zero.</source>
        <translation>Der Preis von %1 muss größer als null sein.</translation>
    </message>
</context>
<context>
    <name>Publisher</name>
    <message>
        <source>Check the print file</source>
        <translation>Druckdatei prüfen</translation>
    </message>
    <message>
        <source>Public URL of the print file</source>
        <translation>Öffentliche URL der Druckdatei</translation>
    </message>
    <message>
        <source>Printful file</source>
        <translation>Printful-Datei</translation>
    </message>
    <message>
        <source>Printful product</source>
        <translation>Printful-Produkt</translation>
    </message>
    <message>
        <source>Shopify draft product</source>
        <translation>Shopify-Produktentwurf</translation>
    </message>
    <message>
        <source>Mark published</source>
        <translation>Als veröffentlicht markieren</translation>
    </message>
    <message>
        <source>Unknown product type &quot;%1&quot;.</source>
        <translation>Unbekannte Produktart „%1“.</translation>
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation>Es gibt kein Design %1.</translation>
    </message>
    <message>
        <source>done earlier</source>
        <translation>bereits erledigt</translation>
    </message>
    <message>
        <source>No Shopify Admin token is set. Add the shop and token in Settings (or set POD_SHOPIFY_SHOP and POD_SHOPIFY_TOKEN).</source>
        <translation>Kein Shopify-Admin-Token festgelegt. Tragen Sie Shop und Token in den Einstellungen ein (oder setzen Sie POD_SHOPIFY_SHOP und POD_SHOPIFY_TOKEN).</translation>
    </message>
    <message>
        <source>Printful fetches the print file by URL and POD Trends hosts it in your Shopify Files: add the Shopify shop and token in Settings.</source>
        <translation>Printful lädt die Druckdatei per URL, und POD Trends legt sie in Ihren Shopify Files ab: Tragen Sie Shopify-Shop und Token in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>The print file is %1×%2 px; Printful&apos;s print area for %3 needs at least %4×%5 px.</source>
        <translation>Die Druckdatei hat %1×%2 px; Printfuls Druckbereich für %3 braucht mindestens %4×%5 px.</translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>Design %1 has no print file.</source>
        <translation>Design %1 hat keine Druckdatei.</translation>
    </message>
    <message>
        <source>The print file %1 of design %2 is missing.</source>
        <translation>Die Druckdatei %1 von Design %2 fehlt.</translation>
    </message>
    <message>
        <source>The print file %1 is not a readable image (%2).</source>
        <translation>Die Druckdatei %1 ist kein lesbares Bild (%2).</translation>
    </message>
    <message>
        <source>The print file is %1×%2 px but its specification says %3×%4 px.</source>
        <translation>Die Druckdatei hat %1×%2 px, laut Spezifikation aber %3×%4 px.</translation>
    </message>
    <message>
        <source>Design %1 failed its print checks: %2</source>
        <translation>Design %1 hat die Druckprüfungen nicht bestanden: %2</translation>
    </message>
</context>
<context>
    <name>RestServer</name>
    <message>
        <source>The REST API listens on %1, reachable from other machines over plain HTTP</source>
        <translation>Die REST-API lauscht auf %1 und ist von anderen Rechnern über unverschlüsseltes HTTP erreichbar</translation>
    </message>
    <message>
        <source>The database is not reachable</source>
        <translation>Die Datenbank ist nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>SampleWorkspace</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>The sample file %1 is missing from this build</source>
        <translation>Die Beispieldatei %1 fehlt in diesem Build</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>This build has no sample files</source>
        <translation>Dieser Build enthält keine Beispieldateien</translation>
    </message>
    <message>
        <source>Cannot delete the sample workspace folder %1</source>
        <translation>Der Ordner des Beispiel-Arbeitsbereichs %1 kann nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>ScoreBreakdown</name>
    <message>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>geschätzt</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>1 review</source>
        <translation>1 Rezension</translation>
    </message>
    <message>
        <source>%1 reviews</source>
        <translation>%1 Rezensionen</translation>
    </message>
    <message>
        <source>%1 stars on average</source>
        <translation>durchschnittlich %1 Sterne</translation>
    </message>
    <message>
        <source>no ratings</source>
        <translation>keine Sternebewertungen</translation>
    </message>
    <message>
        <source>1 rated listing</source>
        <translation>1 Angebot mit Sternebewertung</translation>
    </message>
    <message>
        <source>%1 rated listings</source>
        <translation>%1 Angebote mit Sternebewertung</translation>
    </message>
    <message>
        <source>%1 % more a week</source>
        <translation>%1 % mehr pro Woche</translation>
    </message>
    <message>
        <source>%1 % less a week</source>
        <translation>%1 % weniger pro Woche</translation>
    </message>
    <message>
        <source>%1 days of history</source>
        <translation>%1 Tage Verlauf</translation>
    </message>
    <message>
        <source>1 listing followed over time</source>
        <translation>1 Angebot im Zeitverlauf verfolgt</translation>
    </message>
    <message>
        <source>%1 listings followed over time</source>
        <translation>%1 Angebote im Zeitverlauf verfolgt</translation>
    </message>
    <message>
        <source>%1 competing listings in the marketplace&apos;s search</source>
        <translation>%1 konkurrierende Angebote in der Suche des Marktplatzes</translation>
    </message>
    <message>
        <source>%1 competing listings on the scraped pages</source>
        <translation>%1 konkurrierende Angebote auf den erfassten Seiten</translation>
    </message>
    <message>
        <source>1 listing seen</source>
        <translation>1 Angebot gesehen</translation>
    </message>
    <message>
        <source>%1 listings seen</source>
        <translation>%1 Angebote gesehen</translation>
    </message>
    <message>
        <source>$%1 margin per sale on average</source>
        <translation>im Schnitt $%1 Marge pro Verkauf</translation>
    </message>
    <message>
        <source>$%1 average price</source>
        <translation>$%1 Durchschnittspreis</translation>
    </message>
    <message>
        <source>1 listing with a known base cost</source>
        <translation>1 Angebot mit bekannten Grundkosten</translation>
    </message>
    <message>
        <source>%1 listings with a known base cost</source>
        <translation>%1 Angebote mit bekannten Grundkosten</translation>
    </message>
    <message>
        <source>demand counts %1 %</source>
        <translation>Nachfrage zählt %1 %</translation>
    </message>
    <message>
        <source>growth counts %1 %</source>
        <translation>Wachstum zählt %1 %</translation>
    </message>
    <message>
        <source>low competition counts %1 %</source>
        <translation>geringer Wettbewerb zählt %1 %</translation>
    </message>
    <message>
        <source>profitability counts %1 %</source>
        <translation>Rentabilität zählt %1 %</translation>
    </message>
    <message>
        <source>carried by 1 store</source>
        <translation>in 1 Shop geführt</translation>
    </message>
    <message>
        <source>carried by %1 stores</source>
        <translation>in %1 Shops geführt</translation>
    </message>
    <message>
        <source>1 store followed</source>
        <translation>1 Shop verfolgt</translation>
    </message>
    <message>
        <source>%1 stores followed</source>
        <translation>%1 Shops verfolgt</translation>
    </message>
    <message>
        <source>1 listing published in the last 30 days</source>
        <translation>1 Angebot in den letzten 30 Tagen veröffentlicht</translation>
    </message>
    <message>
        <source>%1 listings published in the last 30 days</source>
        <translation>%1 Angebote in den letzten 30 Tagen veröffentlicht</translation>
    </message>
    <message>
        <source>%1 % of variants sold out</source>
        <translation>%1 % der Varianten ausverkauft</translation>
    </message>
    <message>
        <source>%1 % of variants discounted</source>
        <translation>%1 % der Varianten reduziert</translation>
    </message>
    <message>
        <source>1 favourite</source>
        <translation>1 Favorit</translation>
    </message>
    <message>
        <source>%1 favourites</source>
        <translation>%1 Favoriten</translation>
    </message>
    <message>
        <source>typical Best Sellers Rank #%1</source>
        <translation>typischer Bestseller-Rang #%1</translation>
    </message>
    <message>
        <source>demand %1 of 100</source>
        <translation>Nachfrage %1 von 100</translation>
    </message>
    <message>
        <source>1 view</source>
        <translation>1 Aufruf</translation>
    </message>
    <message>
        <source>%1 views</source>
        <translation>%1 Aufrufe</translation>
    </message>
    <message>
        <source>listed 1 day ago on average</source>
        <translation>im Schnitt vor 1 Tag eingestellt</translation>
    </message>
    <message>
        <source>listed %1 days ago on average</source>
        <translation>im Schnitt vor %1 Tagen eingestellt</translation>
    </message>
    <message>
        <source>carried by %1 of %2 stores you follow</source>
        <translation>in %1 von %2 verfolgten Shops geführt</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Nachfrage</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Wachstum</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>Wettbewerb</translation>
    </message>
    <message>
        <source>Profitability</source>
        <translation>Rentabilität</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>Gesamtwert</translation>
    </message>
</context>
<context>
    <name>ScrapeService</name>
    <message>
        <source>Could not record the run in the database: %1</source>
        <translation>Der Lauf konnte nicht in der Datenbank gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Could not read the Etsy API key: %1</source>
        <translation>Der Etsy-API-Schlüssel konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) stored</source>
        <translation>
            <numerusform>%n Produkt gespeichert</numerusform>
            <numerusform>%n Produkte gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving products failed: %1</source>
        <translation>Speichern der Produkte fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Scraping</source>
        <translation>Erfassung</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n product(s) stored</source>
        <translation>
            <numerusform>%1: %n Produkt gespeichert</numerusform>
            <numerusform>%1: %n Produkte gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: cancelled, %n product(s) kept</source>
        <translation>
            <numerusform>%1: abgebrochen, %n Produkt behalten</numerusform>
            <numerusform>%1: abgebrochen, %n Produkte behalten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 of %n file(s)</source>
        <translation>
            <numerusform>%1 von %n Datei importiert</numerusform>
            <numerusform>%1 von %n Dateien importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import: %n product(s) from %1 file(s)</source>
        <translation>
            <numerusform>Import: %n Produkt aus %1 Datei(en)</numerusform>
            <numerusform>Import: %n Produkte aus %1 Datei(en)</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Enter the Etsy API key as keystring:shared_secret</source>
        <translation>Geben Sie den Etsy-API-Schlüssel als keystring:shared_secret ein</translation>
    </message>
    <message>
        <source>The Etsy API key must be &quot;keystring:shared_secret&quot; (Etsy requires the shared secret since February 2026)</source>
        <translation>Der Etsy-API-Schlüssel muss „keystring:shared_secret“ lauten (Etsy verlangt das Shared Secret seit Februar 2026)</translation>
    </message>
    <message>
        <source>The Etsy API key must not contain spaces</source>
        <translation>Der Etsy-API-Schlüssel darf keine Leerzeichen enthalten</translation>
    </message>
    <message>
        <source>Etsy could not be reached: %1</source>
        <translation>Etsy ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Etsy accepted the key (application %1)</source>
        <translation>Etsy hat den Schlüssel akzeptiert (Anwendung %1)</translation>
    </message>
    <message>
        <source>Etsy refused the key (HTTP %1%2)</source>
        <translation>Etsy hat den Schlüssel abgelehnt (HTTP %1%2)</translation>
    </message>
    <message>
        <source>Another process is collecting this source now</source>
        <translation>Ein anderer Prozess erfasst diese Quelle gerade</translation>
    </message>
    <message>
        <source>%1 %2: skipped, another process is collecting it</source>
        <translation>%1 %2: übersprungen, ein anderer Prozess erfasst sie gerade</translation>
    </message>
</context>
<context>
    <name>ScrapeStatus</name>
    <message>
        <source>idle</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>Scraper</name>
    <message>
        <source>Enter the store&apos;s address, e.g. https://example-store.com</source>
        <translation>Geben Sie die Adresse des Shops ein, z. B. https://example-store.com</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a store address</source>
        <translation>„%1“ ist keine Shop-Adresse</translation>
    </message>
    <message>
        <source>Enter the search keywords</source>
        <translation>Geben Sie die Suchbegriffe ein</translation>
    </message>
    <message>
        <source>The keywords are too long (at most 200 characters)</source>
        <translation>Die Suchbegriffe sind zu lang (höchstens 200 Zeichen)</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled; %n product(s) kept</source>
        <translation>
            <numerusform>Abgebrochen; %n Produkt behalten</numerusform>
            <numerusform>Abgebrochen; %n Produkte behalten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Season</name>
    <message>
        <source>all year</source>
        <translation>ganzjährig</translation>
    </message>
    <message>
        <source>peaks in %1</source>
        <translation>Hochsaison im %1</translation>
    </message>
</context>
<context>
    <name>SecretFile</name>
    <message>
        <source>Could not read the key file %1: %2</source>
        <translation>Die Schlüsseldatei %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The key file %1 is damaged; remove it and save the keys again.</source>
        <translation>Die Schlüsseldatei %1 ist beschädigt; entfernen Sie sie und speichern Sie die Schlüssel erneut.</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>Der Ordner %1 konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Could not write the key file %1: %2</source>
        <translation>Die Schlüsseldatei %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not replace the key file %1.</source>
        <translation>Die Schlüsseldatei %1 konnte nicht ersetzt werden.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>Settings → Accounts</source>
        <translation>Einstellungen → Konten</translation>
    </message>
    <message>
        <source>Etsy API key</source>
        <translation>Etsy-API-Schlüssel</translation>
    </message>
    <message>
        <source>Printful token</source>
        <translation>Printful-Token</translation>
    </message>
    <message>
        <source>Shopify Admin token</source>
        <translation>Shopify-Admin-Token</translation>
    </message>
    <message>
        <source>Shopify client secret</source>
        <translation>Shopify-Client-Secret</translation>
    </message>
    <message>
        <source>OpenAI-compatible API key</source>
        <translation>OpenAI-kompatibler API-Schlüssel</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Datenbankpasswort</translation>
    </message>
    <message>
        <source>No system keychain answered, so the %1 cannot be kept there. Set %2, or save the key in %3 for this session only or in a file only you can read.</source>
        <translation>Kein System-Schlüsselbund hat geantwortet, daher kann „%1“ dort nicht abgelegt werden. Setzen Sie %2 oder speichern Sie den Schlüssel unter %3 nur für diese Sitzung oder in einer Datei, die nur Sie lesen können.</translation>
    </message>
    <message>
        <source>No %1 is set: set %2, or save it in %3.</source>
        <translation>„%1“ ist nicht festgelegt: Setzen Sie %2 oder speichern Sie den Wert unter %3.</translation>
    </message>
    <message>
        <source>The system keychain refused to read the %1 (%2).</source>
        <translation>Der System-Schlüsselbund hat das Lesen von „%1“ verweigert (%2).</translation>
    </message>
    <message>
        <source>The %1 is set by %2; change or unset that variable instead.</source>
        <translation>„%1“ wird durch %2 festgelegt; ändern oder entfernen Sie stattdessen diese Variable.</translation>
    </message>
    <message>
        <source>Could not remove the %1: %2</source>
        <translation>„%1“ konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>Could not save the %1: %2</source>
        <translation>„%1“ konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The system keychain refused to save the %1 (%2).</source>
        <translation>Der System-Schlüsselbund hat das Speichern von „%1“ verweigert (%2).</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
</context>
<context>
    <name>ShopifyClient</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Shopify: %1</source>
        <translation>Shopify: %1</translation>
    </message>
    <message>
        <source>Shopify refused the client id and secret (%1). Check them in Settings → Accounts.</source>
        <translation>Shopify hat Client-ID und Secret abgelehnt (%1). Prüfen Sie beides unter Einstellungen → Konten.</translation>
    </message>
    <message>
        <source>Shopify rejected the access token (401). Check the Shopify Admin token (or client id and secret) in Settings → Accounts.</source>
        <translation>Shopify hat das Zugriffstoken abgelehnt (401). Prüfen Sie das Shopify-Admin-Token (oder Client-ID und Secret) unter Einstellungen → Konten.</translation>
    </message>
    <message>
        <source>Shopify refused access (403): the app needs the write_products and write_files scopes.</source>
        <translation>Shopify verweigert den Zugriff (403): Die App braucht die Scopes write_products und write_files.</translation>
    </message>
    <message>
        <source>Shopify answered 404 for %1: check the shop name and the API version in Settings → Publishing.</source>
        <translation>Shopify meldet 404 für %1: Prüfen Sie Shop-Namen und API-Version unter Einstellungen → Veröffentlichen.</translation>
    </message>
    <message>
        <source>Shopify rate limit: waiting %1 s</source>
        <translation>Shopify-Ratenlimit: warte %1 s</translation>
    </message>
    <message>
        <source>Shopify did not answer properly (%1); retrying</source>
        <translation>Shopify hat nicht korrekt geantwortet (%1); neuer Versuch</translation>
    </message>
    <message>
        <source>Shopify answered HTTP %1: %2</source>
        <translation>Shopify meldet HTTP %1: %2</translation>
    </message>
    <message>
        <source>Shopify answered with something that is not JSON (%1).</source>
        <translation>Shopify hat etwas geantwortet, das kein JSON ist (%1).</translation>
    </message>
    <message>
        <source>Shopify is throttling: waiting %1 s</source>
        <translation>Shopify drosselt: warte %1 s</translation>
    </message>
    <message>
        <source>Shopify GraphQL error: %1</source>
        <translation>Shopify-GraphQL-Fehler: %1</translation>
    </message>
    <message>
        <source>Shopify refused the upload: %1</source>
        <translation>Shopify hat den Upload abgelehnt: %1</translation>
    </message>
    <message>
        <source>Shopify returned no upload target.</source>
        <translation>Shopify hat kein Upload-Ziel geliefert.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The upload of %1 to Shopify&apos;s storage failed (HTTP %2).</source>
        <translation>Der Upload von %1 in den Shopify-Speicher ist fehlgeschlagen (HTTP %2).</translation>
    </message>
    <message>
        <source>The upload of %1 to Shopify&apos;s storage failed: %2</source>
        <translation>Der Upload von %1 in den Shopify-Speicher ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Shopify refused the file: %1</source>
        <translation>Shopify hat die Datei abgelehnt: %1</translation>
    </message>
    <message>
        <source>Shopify created no file.</source>
        <translation>Shopify hat keine Datei erstellt.</translation>
    </message>
    <message>
        <source>Shopify could not process the file: %1</source>
        <translation>Shopify konnte die Datei nicht verarbeiten: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>Shopify has not finished processing the print file after %1 s (status &quot;%2&quot;). Retry later; publishing resumes from this step.</source>
        <translation>Shopify hat die Druckdatei nach %1 s noch nicht fertig verarbeitet (Status „%2“). Versuchen Sie es später erneut; das Veröffentlichen setzt bei diesem Schritt wieder ein.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Shopify refused the product: %1</source>
        <translation>Shopify hat das Produkt abgelehnt: %1</translation>
    </message>
    <message>
        <source>Shopify returned no product.</source>
        <translation>Shopify hat kein Produkt zurückgegeben.</translation>
    </message>
    <message>
        <source>Shopify&apos;s rate limit is still exceeded after waiting (HTTP %1). Try again in a minute.</source>
        <translation>Das Ratenlimit von Shopify ist nach dem Warten immer noch überschritten (HTTP %1). Versuchen Sie es in einer Minute erneut.</translation>
    </message>
</context>
<context>
    <name>ShopifyScraper</name>
    <message>
        <source>Page %1 of %2 failed: %3</source>
        <translation>Seite %1 von %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>Partial result: Shopify serves at most 25,000 products per store this way</source>
        <translation>Teilergebnis: Shopify liefert auf diesem Weg höchstens 25.000 Produkte pro Shop</translation>
    </message>
    <message>
        <source>%1 keeps refusing requests (HTTP %2, rate limited) at page %3; try again later</source>
        <translation>%1 lehnt Anfragen weiterhin ab (HTTP %2, Ratenlimit) bei Seite %3; versuchen Sie es später erneut</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 for page %3</source>
        <translation>%1 meldet HTTP %2 für Seite %3</translation>
    </message>
    <message>
        <source>%1 does not look like a Shopify store (products.json answered %2, not JSON)</source>
        <translation>%1 scheint kein Shopify-Shop zu sein (products.json lieferte %2, kein JSON)</translation>
    </message>
    <message numerus="yes">
        <source>; %n product(s) collected</source>
        <translation>
            <numerusform>; %n Produkt erfasst</numerusform>
            <numerusform>; %n Produkte erfasst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n product(s) kept</source>
        <translation>
            <numerusform>; %n Produkt behalten</numerusform>
            <numerusform>; %n Produkte behalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of %2 is not valid products JSON (%3); %n product(s) kept</source>
        <translation>
            <numerusform>Seite %1 von %2 ist kein gültiges Produkt-JSON (%3); %n Produkt behalten</numerusform>
            <numerusform>Seite %1 von %2 ist kein gültiges Produkt-JSON (%3); %n Produkte behalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: page %2, %n product(s)</source>
        <translation>
            <numerusform>%1: Seite %2, %n Produkt</numerusform>
            <numerusform>%1: Seite %2, %n Produkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Partial result: Shopify serves at most 25,000 products per store this way; %n product(s) collected</source>
        <translation>
            <numerusform>Teilergebnis: Shopify liefert auf diesem Weg höchstens 25.000 Produkte pro Shop; %n Produkt erfasst</numerusform>
            <numerusform>Teilergebnis: Shopify liefert auf diesem Weg höchstens 25.000 Produkte pro Shop; %n Produkte erfasst</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at the page limit (%1 pages); the store has more products</source>
        <translation>Am Seitenlimit angehalten (%1 Seiten); der Shop hat weitere Produkte</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>JSON-Objekt erwartet</translation>
    </message>
    <message>
        <source>no &quot;products&quot; list</source>
        <translation>keine „products“-Liste</translation>
    </message>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>kein gültiges JSON (%1)</translation>
    </message>
</context>
<context>
    <name>TextSafety</name>
    <message>
        <source>The text contains the protected name %1; change it before marking the design ready.</source>
        <translation>Der Text enthält den geschützten Namen %1; ändern Sie ihn, bevor Sie das Design als fertig markieren.</translation>
    </message>
</context>
<context>
    <name>TrendCharts</name>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>Geschätzt</translation>
    </message>
    <message>
        <source>Price distribution</source>
        <translation>Preisverteilung</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Price ($)</source>
        <translation>Preis ($)</translation>
    </message>
    <message>
        <source>Marketplaces</source>
        <translation>Marktplätze</translation>
    </message>
    <message>
        <source>Reviews over time (snapshots)</source>
        <translation>Rezensionen im Zeitverlauf (Snapshots)</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <source>Opportunity breakdown</source>
        <translation>Aufschlüsselung der Chance</translation>
    </message>
    <message>
        <source>%1 (no data)</source>
        <translation>%1 (keine Daten)</translation>
    </message>
</context>
<context>
    <name>podtrends::core::PublishQueue</name>
    <message>
        <source>Publishing</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Design %1 published (%2).</source>
        <translation>Design %1 veröffentlicht (%2).</translation>
    </message>
    <message>
        <source>Design %1 was not published: %2</source>
        <translation>Design %1 wurde nicht veröffentlicht: %2</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ActivityLogPanel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Aktivitätsprotokoll</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ApiKeysWidget</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>set by %1</source>
        <translation>gesetzt durch %1</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>speichere…</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <source>Keys are stored in your system keychain and are never written to the settings file, the database or the logs. An environment variable with the name shown overrides what is saved here.</source>
        <translation>Schlüssel werden im Schlüsselbund Ihres Systems gespeichert und nie in die Einstellungsdatei, die Datenbank oder die Logs geschrieben. Eine Umgebungsvariable mit dem angezeigten Namen hat Vorrang vor dem hier Gespeicherten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No system keychain answered.&lt;/b&gt; This desktop runs no keychain service (such as GNOME Keyring, KeePassXC or KWallet), so keys cannot be kept safely. Choose what happens to the keys you save here:</source>
        <translation>&lt;b&gt;Kein System-Schlüsselbund hat geantwortet.&lt;/b&gt; Auf diesem Desktop läuft kein Schlüsselbund-Dienst (etwa GNOME Keyring, KeePassXC oder KWallet), daher können Schlüssel nicht sicher aufbewahrt werden. Wählen Sie, was mit den hier gespeicherten Schlüsseln geschieht:</translation>
    </message>
    <message>
        <source>Keep them for this session only: they are forgotten when POD Trends closes</source>
        <translation>Nur für diese Sitzung behalten: Beim Schließen von POD Trends werden sie vergessen</translation>
    </message>
    <message>
        <source>Save them in a file only you can read (less safe: any program running as you can read it)</source>
        <translation>In einer nur für Sie lesbaren Datei speichern (weniger sicher: Programme Ihres Kontos können sie lesen)</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>Try the keychain again</source>
        <translation>Schlüsselbund erneut versuchen</translation>
    </message>
    <message>
        <source>not set (or set %1)</source>
        <translation>nicht gesetzt (oder %1 setzen)</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>kein Schlüsselbund</translation>
    </message>
    <message>
        <source>could not read</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>saved; type to replace</source>
        <translation>gespeichert; zum Ersetzen eintippen</translation>
    </message>
    <message>
        <source>saved in the file (less safe)</source>
        <translation>in der Datei gespeichert (weniger sicher)</translation>
    </message>
    <message>
        <source>kept for this session</source>
        <translation>für diese Sitzung behalten</translation>
    </message>
    <message>
        <source>choose above</source>
        <translation>oben auswählen</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::DashboardPage</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Where your research stands and what to do next.</source>
        <translation>Wo Ihre Recherche steht und was als Nächstes zu tun ist.</translation>
    </message>
    <message>
        <source>Products collected</source>
        <translation>Erfasste Produkte</translation>
    </message>
    <message>
        <source>Trends found</source>
        <translation>Gefundene Trends</translation>
    </message>
    <message>
        <source>Designs</source>
        <translation>Designs</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Add a &amp;source</source>
        <translation>&amp;Quelle hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Analyze</source>
        <translation>&amp;Analysieren</translation>
    </message>
    <message>
        <source>&amp;Generate designs</source>
        <translation>Designs &amp;erzeugen</translation>
    </message>
    <message>
        <source>Top opportunities</source>
        <translation>Top-Chancen</translation>
    </message>
    <message>
        <source>Niche</source>
        <translation>Nische</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Last scrape per marketplace</source>
        <translation>Letzte Erfassung je Marktplatz</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last scrape</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächste</translation>
    </message>
    <message>
        <source>Recent jobs</source>
        <translation>Letzte Aufträge</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Next step:&lt;/b&gt; analyze the %n collected product(s) to find niches.</source>
        <translation>
            <numerusform>&lt;b&gt;Nächster Schritt:&lt;/b&gt; Analysieren Sie das %n erfasste Produkt, um Nischen zu finden.</numerusform>
            <numerusform>&lt;b&gt;Nächster Schritt:&lt;/b&gt; Analysieren Sie die %n erfassten Produkte, um Nischen zu finden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; review your designs and publish the best ones, or analyze again after the next scrape.</source>
        <translation>&lt;b&gt;Nächster Schritt:&lt;/b&gt; Prüfen Sie Ihre Designs und veröffentlichen Sie die besten – oder analysieren Sie nach der nächsten Erfassung erneut.</translation>
    </message>
    <message>
        <source>No scrape yet</source>
        <translation>Noch keine Erfassung</translation>
    </message>
    <message>
        <source>%1 trends from %2 products</source>
        <translation>%1 Trends aus %2 Produkten</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Chance</translation>
    </message>
    <message>
        <source>Generate designs for the best niche</source>
        <translation>Designs für die beste Nische erzeugen</translation>
    </message>
    <message>
        <source>Nothing to generate from yet: analyze collected products to find a niche first.</source>
        <translation>Noch nichts zum Erzeugen: Analysieren Sie zuerst erfasste Produkte, um eine Nische zu finden.</translation>
    </message>
    <message>
        <source>Find and rank niches in the collected products</source>
        <translation>Nischen in den erfassten Produkten finden und bewerten</translation>
    </message>
    <message>
        <source>Nothing to analyze yet: collect or import products first.</source>
        <translation>Noch nichts zu analysieren: Erfassen oder importieren Sie zuerst Produkte.</translation>
    </message>
    <message>
        <source>Nothing collected yet</source>
        <translation>Noch nichts erfasst</translation>
    </message>
    <message>
        <source>Import saved marketplace pages or exports, add a shop to collect, or try the sample workspace: made-up shops, from listings to ranked niches and mockups in a few minutes.</source>
        <translation>Importieren Sie gespeicherte Marktplatz-Seiten oder Exporte, fügen Sie einen Shop zum Erfassen hinzu oder probieren Sie den Beispiel-Arbeitsbereich aus: erfundene Shops, von Angeboten bis zu bewerteten Nischen und Mockups in wenigen Minuten.</translation>
    </message>
    <message>
        <source>Try the sample workspace</source>
        <translation>Beispiel-Arbeitsbereich ausprobieren</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Dateien importieren…</translation>
    </message>
    <message>
        <source>Add a source…</source>
        <translation>Quelle hinzufügen…</translation>
    </message>
    <message>
        <source>No niches ranked yet</source>
        <translation>Noch keine Nischen bewertet</translation>
    </message>
    <message>
        <source>Analyze the collected products to find niches and rank them by opportunity.</source>
        <translation>Analysieren Sie die erfassten Produkte, um Nischen zu finden und nach Chance zu ordnen.</translation>
    </message>
    <message>
        <source>Analyze now</source>
        <translation>Jetzt analysieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; add a source (a Shopify store, Etsy or Amazon keywords), import or drop saved pages on the window, or try the sample workspace.</source>
        <translation>&lt;b&gt;Nächster Schritt:&lt;/b&gt; Fügen Sie eine Quelle hinzu (einen Shopify-Shop, Etsy- oder Amazon-Suchbegriffe), importieren Sie gespeicherte Seiten oder ziehen Sie sie ins Fenster, oder probieren Sie den Beispiel-Arbeitsbereich aus.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; generate designs for the best niche, &lt;i&gt;%1&lt;/i&gt; (opportunity %2).</source>
        <translation>&lt;b&gt;Nächster Schritt:&lt;/b&gt; Erzeugen Sie Designs für die beste Nische, &lt;i&gt;%1&lt;/i&gt; (Chance %2).</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::DatabaseDialog</name>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>&amp;Embedded SQLite file (works offline, one computer)</source>
        <translation>&amp;Eingebettete SQLite-Datei (offline, ein Computer)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a database file</source>
        <translation>Datenbankdatei auswählen</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>&amp;PostgreSQL server (shared by a team)</source>
        <translation>&amp;PostgreSQL-Server (für ein Team)</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation>Wird im System-Schlüsselbund gespeichert, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>✔ Connected.</source>
        <translation>✔ Verbunden.</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::DesignGalleryDelegate</name>
    <message>
        <source>Loading…</source>
        <translation>Lädt…</translation>
    </message>
    <message>
        <source>#%1 · %2</source>
        <translation>#%1 · %2</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::DesignListModel</name>
    <message>
        <source>Design %1</source>
        <translation>Design %1</translation>
    </message>
    <message>
        <source>%1
Status: %2 · style: %3</source>
        <translation>%1
Status: %2 · Stil: %3</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::DesignPreview</name>
    <message>
        <source>Zoom:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Select a design to see its prompt and print specifications.</source>
        <translation>Wählen Sie ein Design, um Prompt und Druckspezifikationen zu sehen.</translation>
    </message>
    <message>
        <source>No design selected</source>
        <translation>Kein Design ausgewählt</translation>
    </message>
    <message>
        <source>Slogan: %1
</source>
        <translation>Slogan: %1
</translation>
    </message>
    <message>
        <source>⚠ %1
</source>
        <translation>⚠ %1
</translation>
    </message>
    <message>
        <source>
Concept: %1

Prompt: %2

Negative prompt: %3

Print files:
</source>
        <translation>
Konzept: %1

Prompt: %2

Negativ-Prompt: %3

Druckdateien:
</translation>
    </message>
    <message>
        <source>  %1 %2: %3×%4 px, %5 DPI, %6×%7 in, %8
</source>
        <translation>  %1 %2: %3×%4 px, %5 DPI, %6×%7 Zoll, %8
</translation>
    </message>
    <message>
        <source>checks passed</source>
        <translation>Prüfungen bestanden</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lädt…</translation>
    </message>
    <message>
        <source>checks failed: %1</source>
        <translation>Prüfungen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>white</source>
        <translation>Weiß</translation>
    </message>
    <message>
        <source>off-white</source>
        <translation>Naturweiß</translation>
    </message>
    <message>
        <source>cream</source>
        <translation>Creme</translation>
    </message>
    <message>
        <source>natural</source>
        <translation>Natur</translation>
    </message>
    <message>
        <source>sand</source>
        <translation>Sand</translation>
    </message>
    <message>
        <source>light grey</source>
        <translation>Hellgrau</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>Grau</translation>
    </message>
    <message>
        <source>charcoal</source>
        <translation>Anthrazit</translation>
    </message>
    <message>
        <source>black</source>
        <translation>Schwarz</translation>
    </message>
    <message>
        <source>navy</source>
        <translation>Marineblau</translation>
    </message>
    <message>
        <source>royal blue</source>
        <translation>Königsblau</translation>
    </message>
    <message>
        <source>light blue</source>
        <translation>Hellblau</translation>
    </message>
    <message>
        <source>red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <source>maroon</source>
        <translation>Weinrot</translation>
    </message>
    <message>
        <source>pink</source>
        <translation>Rosa</translation>
    </message>
    <message>
        <source>orange</source>
        <translation>Orange</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <source>forest green</source>
        <translation>Waldgrün</translation>
    </message>
    <message>
        <source>olive</source>
        <translation>Oliv</translation>
    </message>
    <message>
        <source>purple</source>
        <translation>Lila</translation>
    </message>
    <message>
        <source>brown</source>
        <translation>Braun</translation>
    </message>
    <message>
        <source>Print file: %1, front</source>
        <translation>Druckdatei: %1, vorne</translation>
    </message>
    <message>
        <source>Print file: %1, back</source>
        <translation>Druckdatei: %1, hinten</translation>
    </message>
    <message>
        <source>Print file: %1, all around</source>
        <translation>Druckdatei: %1, rundum</translation>
    </message>
    <message>
        <source>Print file: %1</source>
        <translation>Druckdatei: %1</translation>
    </message>
    <message>
        <source>Mockup: %1</source>
        <translation>Mockup: %1</translation>
    </message>
    <message>
        <source>Mockup: %1 in %2</source>
        <translation>Mockup: %1 in %2</translation>
    </message>
    <message>
        <source>an OpenAI-compatible server</source>
        <translation>einem OpenAI-kompatiblen Server</translation>
    </message>
    <message>
        <source>the built-in renderer</source>
        <translation>dem integrierten Renderer</translation>
    </message>
    <message>
        <source>Style: %1 · palette: %2 · made by %3
</source>
        <translation>Stil: %1 · Palette: %2 · erstellt mit %3
</translation>
    </message>
    <message>
        <source>Mockup or print file shown</source>
        <translation>Angezeigtes Mockup oder Druckdatei</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::DesignsPage</name>
    <message>
        <source>Designs</source>
        <translation>Designs</translation>
    </message>
    <message>
        <source>Generated designs, print files and mockups.</source>
        <translation>Erzeugte Designs, Druckdateien und Mockups.</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Trend:</source>
        <translation>Trend:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source> variants</source>
        <translation> Varianten</translation>
    </message>
    <message>
        <source>Built-in renderer (offline)</source>
        <translation>Integriert (offline)</translation>
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation>OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <source>Generate designs</source>
        <translation>Designs erzeugen</translation>
    </message>
    <message>
        <source>Generate new variants for the trend chosen on the left</source>
        <translation>Neue Varianten für den links gewählten Trend erzeugen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Edit slogan…</source>
        <translation>Slogan bearbeiten…</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>Als fertig markieren</translation>
    </message>
    <message>
        <source>Export files…</source>
        <translation>Dateien exportieren…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>Veröffentlichen…</translation>
    </message>
    <message>
        <source>Choose a trend first: designs are generated for one trend.</source>
        <translation>Wählen Sie zuerst einen Trend: Designs werden für einen Trend erzeugt.</translation>
    </message>
    <message>
        <source>Cannot load designs: %1</source>
        <translation>Designs können nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>All trends</source>
        <translation>Alle Trends</translation>
    </message>
    <message numerus="yes">
        <source>Generating %n variant(s)…</source>
        <translation>
            <numerusform>%n Variante wird erzeugt…</numerusform>
            <numerusform>%n Varianten werden erzeugt…</numerusform>
        </translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>Erzeugung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Design %1: %2</source>
        <translation>Design %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Generation cancelled; %n design(s) kept.</source>
        <translation>
            <numerusform>Erzeugung abgebrochen; %n Design behalten.</numerusform>
            <numerusform>Erzeugung abgebrochen; %n Designs behalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n design(s) generated.</source>
        <translation>
            <numerusform>%n Design erzeugt.</numerusform>
            <numerusform>%n Designs erzeugt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Checking the design…</source>
        <translation>Design wird geprüft…</translation>
    </message>
    <message>
        <source>Regenerating the variant…</source>
        <translation>Variante wird neu erzeugt…</translation>
    </message>
    <message>
        <source>Edit slogan</source>
        <translation>Slogan bearbeiten</translation>
    </message>
    <message>
        <source>Slogan (one line per printed line):</source>
        <translation>Slogan (eine Zeile pro Druckzeile):</translation>
    </message>
    <message>
        <source>Re-rendering with the new slogan…</source>
        <translation>Wird mit dem neuen Slogan neu gerendert…</translation>
    </message>
    <message>
        <source>Export print files and mockups to</source>
        <translation>Druckdateien und Mockups exportieren nach</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Delete design</source>
        <translation>Design löschen</translation>
    </message>
    <message>
        <source>Delete design %1 and its files?</source>
        <translation>Design %1 und seine Dateien löschen?</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <source>%1 (opportunity %2)</source>
        <translation>%1 (Chance %2)</translation>
    </message>
    <message>
        <source>%1 (opportunity: no data)</source>
        <translation>%1 (Chance: keine Daten)</translation>
    </message>
    <message>
        <source>Nothing to generate from yet: designs are made for a trend, and trends come from analyzing collected products.</source>
        <translation>Noch nichts zum Erzeugen: Designs entstehen für einen Trend, und Trends entstehen durch die Analyse erfasster Produkte.</translation>
    </message>
    <message>
        <source>No trends to design for yet</source>
        <translation>Noch keine Trends für Designs</translation>
    </message>
    <message>
        <source>Designs are generated for a trend. Import or collect listings and analyze them on the Trends page, or try the sample workspace.</source>
        <translation>Designs werden für einen Trend erzeugt. Importieren oder erfassen Sie Angebote und analysieren Sie sie auf der Seite Trends, oder probieren Sie den Beispiel-Arbeitsbereich aus.</translation>
    </message>
    <message>
        <source>Go to Trends</source>
        <translation>Zu Trends</translation>
    </message>
    <message>
        <source>Try the sample workspace</source>
        <translation>Beispiel-Arbeitsbereich ausprobieren</translation>
    </message>
    <message>
        <source>No designs yet</source>
        <translation>Noch keine Designs</translation>
    </message>
    <message>
        <source>Choose a trend above and press Generate designs: the built-in renderer works offline and makes print files and mockups for each product type.</source>
        <translation>Wählen Sie oben einen Trend und klicken Sie auf „Designs erzeugen“: Der integrierte Renderer arbeitet offline und erstellt Druckdateien und Mockups für jede Produktart.</translation>
    </message>
    <message>
        <source>Number of variants to generate</source>
        <translation>Anzahl der zu erzeugenden Varianten</translation>
    </message>
    <message>
        <source>Generated designs</source>
        <translation>Erzeugte Designs</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::JobsModel</name>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::JobsPanel</name>
    <message>
        <source>No jobs yet.</source>
        <translation>Noch keine Aufträge.</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n Auftrag läuft</numerusform>
            <numerusform>%n Aufträge laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n machine(s) busy</source>
        <translation>
            <numerusform>%n Rechner beschäftigt</numerusform>
            <numerusform>%n Rechner beschäftigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the jobs: %1</source>
        <translation>Aufträge können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::MainWindow</name>
    <message>
        <source>POD Trends</source>
        <translation>POD Trends</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Trends</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Designs</source>
        <translation>Designs</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>No database: %1</source>
        <translation>Keine Datenbank: %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>PostgreSQL: %1</source>
        <translation>PostgreSQL: %1</translation>
    </message>
    <message>
        <source>SQLite: %1</source>
        <translation>SQLite: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sample workspace.&lt;/b&gt; These shops and listings are made up so you can try the app. Nothing here is your data.</source>
        <translation>&lt;b&gt;Beispiel-Arbeitsbereich.&lt;/b&gt; Diese Shops und Angebote sind erfunden, damit Sie die App ausprobieren können. Nichts davon sind Ihre Daten.</translation>
    </message>
    <message>
        <source>Remove the sample</source>
        <translation>Beispiel entfernen</translation>
    </message>
    <message>
        <source>Go back to your own database and delete the sample workspace</source>
        <translation>Zurück zu Ihrer eigenen Datenbank und den Beispiel-Arbeitsbereich löschen</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Choose a trend on the Trends page first: designs are generated for one trend.</source>
        <translation>Wählen Sie zuerst auf der Seite Trends einen Trend: Designs werden für einen Trend erzeugt.</translation>
    </message>
    <message>
        <source>Opened the sample workspace</source>
        <translation>Beispiel-Arbeitsbereich geöffnet</translation>
    </message>
    <message>
        <source>Sample workspace</source>
        <translation>Beispiel-Arbeitsbereich</translation>
    </message>
    <message>
        <source>The sample workspace was removed.</source>
        <translation>Der Beispiel-Arbeitsbereich wurde entfernt.</translation>
    </message>
    <message>
        <source>POD Trends — Sample workspace</source>
        <translation>POD Trends — Beispiel-Arbeitsbereich</translation>
    </message>
    <message>
        <source>Sample workspace (made-up shops)</source>
        <translation>Beispiel-Arbeitsbereich (erfundene Shops)</translation>
    </message>
    <message>
        <source>Remove it with the button at the top or File › Remove the sample workspace.</source>
        <translation>Entfernen Sie ihn mit der Schaltfläche oben oder über Datei › Beispiel-Arbeitsbereich entfernen.</translation>
    </message>
    <message>
        <source>The database in use. Change it with File › Open database or under Settings.</source>
        <translation>Die verwendete Datenbank. Wechseln Sie sie über Datei › Datenbank öffnen oder in den Einstellungen.</translation>
    </message>
    <message>
        <source>&amp;Research</source>
        <translation>&amp;Recherche</translation>
    </message>
    <message>
        <source>&amp;Analyze collected products</source>
        <translation>Erfasste Produkte &amp;analysieren</translation>
    </message>
    <message>
        <source>&amp;Generate designs for the selected trend</source>
        <translation>&amp;Designs für den gewählten Trend erzeugen</translation>
    </message>
    <message>
        <source>&amp;Publish the selected design…</source>
        <translation>Gewähltes Design &amp;veröffentlichen…</translation>
    </message>
    <message>
        <source>Choose a design in the gallery first.</source>
        <translation>Wählen Sie zuerst ein Design in der Galerie.</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to the pane</source>
        <translation>An &amp;Bereich anpassen</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;Neue Datenbank…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>Dateien &amp;importieren…</translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation>&amp;Ordner importieren…</translation>
    </message>
    <message>
        <source>Analyze after importing</source>
        <translation>Nach dem Import analysieren</translation>
    </message>
    <message>
        <source>Find and rank niches as soon as an import ends</source>
        <translation>Nischen finden und bewerten, sobald ein Import endet</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>&amp;Products as CSV…</source>
        <translation>&amp;Produkte als CSV…</translation>
    </message>
    <message>
        <source>&amp;Trend report…</source>
        <translation>&amp;Trendbericht…</translation>
    </message>
    <message>
        <source>Try the &amp;sample workspace</source>
        <translation>Beispiel-Arbeitsbereich aus&amp;probieren</translation>
    </message>
    <message>
        <source>Remove the sample workspace</source>
        <translation>Beispiel-Arbeitsbereich entfernen</translation>
    </message>
    <message>
        <source>No databases opened yet</source>
        <translation>Noch keine Datenbanken geöffnet</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About POD Trends</source>
        <translation>&amp;Über POD Trends</translation>
    </message>
    <message>
        <source>Import a folder of saved pages and exports</source>
        <translation>Ordner mit gespeicherten Seiten und Exporten importieren</translation>
    </message>
    <message>
        <source>Import saved pages and exports</source>
        <translation>Gespeicherte Seiten und Exporte importieren</translation>
    </message>
    <message>
        <source>Saved pages and exports (*.html *.htm *.json *.csv);;All files (*)</source>
        <translation>Gespeicherte Seiten und Exporte (*.html *.htm *.json *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Neue Datenbank</translation>
    </message>
    <message>
        <source>Databases (*.sqlite *.db)</source>
        <translation>Datenbanken (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>research.sqlite</source>
        <translation>research.sqlite</translation>
    </message>
    <message>
        <source>%1 already exists. Use File › Open database to work on it.</source>
        <translation>%1 existiert bereits. Öffnen Sie die Datei über Datei › Datenbank öffnen.</translation>
    </message>
    <message>
        <source>Open database (a team&apos;s PostgreSQL server: Settings › Database)</source>
        <translation>Datenbank öffnen (PostgreSQL-Server eines Teams: Einstellungen › Datenbank)</translation>
    </message>
    <message>
        <source>Databases (*.sqlite *.db);;All files (*)</source>
        <translation>Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export products</source>
        <translation>Produkte exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>products.csv</source>
        <translation>products.csv</translation>
    </message>
    <message>
        <source>No trends to report yet: analyze collected products first.</source>
        <translation>Noch keine Trends für einen Bericht: Analysieren Sie zuerst erfasste Produkte.</translation>
    </message>
    <message>
        <source>Export the trend report</source>
        <translation>Trendbericht exportieren</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Webseiten (*.html)</translation>
    </message>
    <message>
        <source>trend-report.html</source>
        <translation>trend-report.html</translation>
    </message>
    <message>
        <source>Trend report</source>
        <translation>Trendbericht</translation>
    </message>
    <message numerus="yes">
        <source>%n niche(s), best opportunity first. Made with POD Trends on %1.</source>
        <translation>
            <numerusform>%n Nische, beste Chance zuerst. Erstellt mit POD Trends am %1.</numerusform>
            <numerusform>%n Nischen, beste Chance zuerst. Erstellt mit POD Trends am %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Saved the trend report to %1</source>
        <translation>Trendbericht unter %1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>keine geöffnet</translation>
    </message>
    <message>
        <source>the sample workspace</source>
        <translation>Beispiel-Arbeitsbereich</translation>
    </message>
    <message>
        <source>&lt;h3&gt;POD Trends %1&lt;/h3&gt;&lt;p&gt;Finds print-on-demand niches in marketplace listings, generates designs and publishes them.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Database:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Data folder:&lt;/b&gt; %5&lt;br&gt;&lt;b&gt;Designs:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Settings file:&lt;/b&gt; %7&lt;/p&gt;</source>
        <translation>&lt;h3&gt;POD Trends %1&lt;/h3&gt;&lt;p&gt;Findet Print-on-Demand-Nischen in Marktplatz-Angeboten, erzeugt Designs und veröffentlicht sie.&lt;/p&gt;&lt;p&gt;Qt %2 (erstellt mit %3)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Datenbank:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Datenordner:&lt;/b&gt; %5&lt;br&gt;&lt;b&gt;Designs:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Einstellungsdatei:&lt;/b&gt; %7&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About POD Trends</source>
        <translation>Über POD Trends</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::OpportunityChart</name>
    <message>
        <source>Demand →</source>
        <translation>Nachfrage →</translation>
    </message>
    <message>
        <source>Competition ↑</source>
        <translation>Wettbewerb ↑</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Opportunity map (bubble size: profit)</source>
        <translation>Chancenkarte (Blasengröße: Gewinn)</translation>
    </message>
    <message>
        <source>Low profit</source>
        <translation>Wenig Gewinn</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>%1 — opportunity %2</source>
        <translation>%1 — Chance %2</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ProductDetailsPane</name>
    <message>
        <source>Select a product to see its details, history and raw data.</source>
        <translation>Wählen Sie ein Produkt, um Details, Verlauf und Rohdaten zu sehen.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation>Roh-JSON</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>This product no longer exists.</source>
        <translation>Dieses Produkt existiert nicht mehr.</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>No product page address</source>
        <translation>Keine Adresse zur Produktseite</translation>
    </message>
    <message>
        <source>Marketplace:</source>
        <translation>Marktplatz:</translation>
    </message>
    <message>
        <source>External id:</source>
        <translation>Externe ID:</translation>
    </message>
    <message>
        <source>Shop / brand:</source>
        <translation>Shop / Marke:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Kategorie:</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>Preis:</translation>
    </message>
    <message>
        <source>Rating:</source>
        <translation>Sternebewertung:</translation>
    </message>
    <message>
        <source>Reviews:</source>
        <translation>Rezensionen:</translation>
    </message>
    <message>
        <source>Favorites:</source>
        <translation>Favoriten:</translation>
    </message>
    <message>
        <source>Rank:</source>
        <translation>Rang:</translation>
    </message>
    <message>
        <source>Sponsored:</source>
        <translation>Gesponsert:</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>Keywords:</source>
        <translation>Schlüsselwörter:</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Bild:</translation>
    </message>
    <message>
        <source>First seen:</source>
        <translation>Zuerst gesehen:</translation>
    </message>
    <message>
        <source>Last seen:</source>
        <translation>Zuletzt gesehen:</translation>
    </message>
    <message>
        <source>Trend:</source>
        <translation>Trend:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Snapshots:</source>
        <translation>Snapshots:</translation>
    </message>
    <message>
        <source>(no raw record stored)</source>
        <translation>(kein Rohdatensatz gespeichert)</translation>
    </message>
    <message>
        <source>No history yet: every scrape or import adds a point.</source>
        <translation>Noch kein Verlauf: Jede Erfassung und jeder Import fügt einen Punkt hinzu.</translation>
    </message>
    <message>
        <source>One observation so far: the next scrape adds a second point.</source>
        <translation>Bisher ein Messwert: Die nächste Erfassung fügt einen zweiten Punkt hinzu.</translation>
    </message>
    <message>
        <source>Price and reviews over time</source>
        <translation>Preis und Rezensionen im Zeitverlauf</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ProductHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ProductTableModel</name>
    <message>
        <source>in a moment</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tg.</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(entfernt)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ProductsPage</name>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Every listing collected from Amazon, Etsy and Shopify.</source>
        <translation>Alle gesammelten Angebote von Amazon, Etsy und Shopify.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Save the products of the current search and filters as a CSV file</source>
        <translation>Produkte der aktuellen Suche und Filter als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Loading products failed: %1</source>
        <translation>Laden der Produkte fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>Produkte durchsuchen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Search titles, tags and shops (Ctrl+F)</source>
        <translation>Titel, Tags und Shops durchsuchen (Ctrl+F)</translation>
    </message>
    <message>
        <source>All marketplaces</source>
        <translation>Alle Marktplätze</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>Lowest price</source>
        <translation>Niedrigster Preis</translation>
    </message>
    <message>
        <source>Highest price</source>
        <translation>Höchster Preis</translation>
    </message>
    <message>
        <source>Lowest rating</source>
        <translation>Wenigste Sterne</translation>
    </message>
    <message>
        <source>Highest rating</source>
        <translation>Meiste Sterne</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Clear the search and all filters</source>
        <translation>Suche und alle Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Loading products…</source>
        <translation>Produkte werden geladen…</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>1 product</source>
        <translation>1 Produkt</translation>
    </message>
    <message>
        <source>%1 products</source>
        <translation>%1 Produkte</translation>
    </message>
    <message>
        <source>%1 match the search and filters</source>
        <translation>%1 passend zu Suche und Filtern</translation>
    </message>
    <message>
        <source>%1 collected from Amazon, Etsy and Shopify</source>
        <translation>%1 von Amazon, Etsy und Shopify erfasst</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No database is open&lt;/h3&gt;&lt;p&gt;Choose one under Settings.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Keine Datenbank geöffnet&lt;/h3&gt;&lt;p&gt;Wählen Sie eine unter Einstellungen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No products match&lt;/h3&gt;&lt;p&gt;Try fewer words or wider price and rating ranges, or press Reset.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Keine passenden Produkte&lt;/h3&gt;&lt;p&gt;Versuchen Sie weniger Wörter oder größere Preis- und Bewertungsbereiche, oder klicken Sie auf Zurücksetzen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Export products</source>
        <translation>Produkte exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <source>The export was cancelled</source>
        <translation>Der Export wurde abgebrochen</translation>
    </message>
    <message>
        <source>Exported %1 products to %2</source>
        <translation>%1 Produkte nach %2 exportiert</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No products yet&lt;/h3&gt;&lt;p&gt;Add a Shopify store or a search on the &lt;b&gt;Sources&lt;/b&gt; page and press &lt;b&gt;Scrape now&lt;/b&gt;, or drop saved search pages, &lt;i&gt;products.json&lt;/i&gt; files or an Etsy CSV export on this window.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;podtrends:import&quot;&gt;Import files…&lt;/a&gt; &amp;nbsp; &lt;a href=&quot;podtrends:sample&quot;&gt;Try the sample workspace&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Noch keine Produkte&lt;/h3&gt;&lt;p&gt;Fügen Sie auf der Seite &lt;b&gt;Quellen&lt;/b&gt; einen Shopify-Shop oder eine Suche hinzu und klicken Sie auf &lt;b&gt;Jetzt abrufen&lt;/b&gt;, oder ziehen Sie gespeicherte Suchseiten, &lt;i&gt;products.json&lt;/i&gt;-Dateien oder einen Etsy-CSV-Export auf dieses Fenster.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;podtrends:import&quot;&gt;Dateien importieren…&lt;/a&gt; &amp;nbsp; &lt;a href=&quot;podtrends:sample&quot;&gt;Beispiel-Arbeitsbereich ausprobieren&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::PublishDialog</name>
    <message>
        <source>Publish design</source>
        <translation>Design veröffentlichen</translation>
    </message>
    <message>
        <source>Loading the design and Printful&apos;s catalog…</source>
        <translation>Design und Printful-Katalog werden geladen…</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Printful product (fulfilment)</source>
        <translation>Printful-Produkt (Fulfillment)</translation>
    </message>
    <message>
        <source>Shopify draft product</source>
        <translation>Shopify-Produktentwurf</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>Produkt:</translation>
    </message>
    <message>
        <source>Publish to:</source>
        <translation>Veröffentlichen auf:</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Farben:</translation>
    </message>
    <message>
        <source>Sizes:</source>
        <translation>Größen:</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Printful cost</source>
        <translation>Printful-Kosten</translation>
    </message>
    <message>
        <source>Retail price</source>
        <translation>Verkaufspreis</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Marge</translation>
    </message>
    <message>
        <source>Margin %</source>
        <translation>Marge %</translation>
    </message>
    <message>
        <source>Cost is Printful&apos;s base price (the highest of the chosen colours). Edit a retail price to override the rule from Settings → Publishing.</source>
        <translation>Die Kosten sind der Printful-Grundpreis (der höchste der gewählten Farben). Ändern Sie einen Verkaufspreis, um die Regel aus Einstellungen → Veröffentlichung zu überschreiben.</translation>
    </message>
    <message>
        <source>What will be sent</source>
        <translation>Was gesendet wird</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Cancel publishing</source>
        <translation>Veröffentlichen abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancelling after the current request… finished steps stay saved.</source>
        <translation>Abbruch nach der aktuellen Anfrage… erledigte Schritte bleiben gespeichert.</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation>Es gibt kein Design %1.</translation>
    </message>
    <message>
        <source>Publish “%1”</source>
        <translation>„%1“ veröffentlichen</translation>
    </message>
    <message>
        <source>This design is already published.</source>
        <translation>Dieses Design ist bereits veröffentlicht.</translation>
    </message>
    <message>
        <source>An earlier attempt stopped%1. Resuming continues with the same products, SKUs and prices and creates nothing twice.</source>
        <translation>Ein früherer Versuch wurde unterbrochen%1. Beim Fortsetzen werden dieselben Produkte, SKUs und Preise verwendet und nichts doppelt angelegt.</translation>
    </message>
    <message>
        <source> at “%1”: %2</source>
        <translation> bei „%1“: %2</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Choose what to offer, check the prices and the preview, then publish. Shopify products are created as drafts.</source>
        <translation>Wählen Sie, was Sie anbieten möchten, prüfen Sie Preise und Vorschau und veröffentlichen Sie dann. Shopify-Produkte werden als Entwürfe angelegt.</translation>
    </message>
    <message>
        <source>Loading Printful&apos;s catalog…</source>
        <translation>Printful-Katalog wird geladen…</translation>
    </message>
    <message>
        <source>Printful&apos;s catalog is not loaded, so variant ids and costs are unknown.</source>
        <translation>Der Printful-Katalog ist nicht geladen, daher sind Varianten-IDs und Kosten unbekannt.</translation>
    </message>
    <message>
        <source>Publishing… each step is saved as it finishes, so closing or a failure loses nothing.</source>
        <translation>Wird veröffentlicht… Jeder Schritt wird gespeichert, sobald er fertig ist; beim Schließen oder bei einem Fehler geht nichts verloren.</translation>
    </message>
    <message>
        <source>Published. The Shopify product is a draft: review it and make it active when you are ready.</source>
        <translation>Veröffentlicht. Das Shopify-Produkt ist ein Entwurf: Prüfen Sie es und aktivieren Sie es, wenn Sie so weit sind.</translation>
    </message>
    <message>
        <source>Publishing stopped: %1</source>
        <translation>Veröffentlichung abgebrochen: %1</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;%1&quot;&gt;Open the Printful product&lt;/a&gt; (id %2)</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;Printful-Produkt öffnen&lt;/a&gt; (ID %2)</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;%1&quot;&gt;Open the Shopify draft&lt;/a&gt; (%2)</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;Shopify-Entwurf öffnen&lt;/a&gt; (%2)</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>%1 The colours and sizes shown are from the catalogue that comes with POD Trends.</source>
        <translation>%1 Die gezeigten Farben und Größen stammen aus dem Katalog, der mit POD Trends geliefert wird.</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>noch unbekannt</translation>
    </message>
    <message>
        <source>Printful&apos;s catalog has not answered, so the costs and Printful&apos;s variant numbers of the %1 are not known yet. The colours and sizes above come from the catalogue that comes with POD Trends. Once Printful answers (add your Printful token in Settings → Accounts, or check the connection and open this dialog again), the prices and the exact request appear here.</source>
        <translation>Printfuls Katalog hat nicht geantwortet, daher sind die Kosten und Printfuls Variantennummern für %1 noch unbekannt. Die Farben und Größen oben stammen aus dem Katalog, der mit POD Trends geliefert wird. Sobald Printful antwortet (Printful-Token unter Einstellungen → Konten eintragen oder die Verbindung prüfen und diesen Dialog erneut öffnen), erscheinen hier die Preise und die genaue Anfrage.</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::PublishStepsWidget</name>
    <message>
        <source>working…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>not needed for the chosen targets</source>
        <translation>für die gewählten Ziele nicht nötig</translation>
    </message>
    <message>
        <source>done earlier</source>
        <translation>bereits erledigt</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::PublishingSettingsWidget</name>
    <message>
        <source>Stores</source>
        <translation>Shops</translation>
    </message>
    <message>
        <source>my-store.myshopify.com (or POD_SHOPIFY_SHOP)</source>
        <translation>my-store.myshopify.com (oder POD_SHOPIFY_SHOP)</translation>
    </message>
    <message>
        <source>only for Dev Dashboard apps (client credentials); the secret goes to Accounts</source>
        <translation>nur für Apps aus dem Dev Dashboard (Client Credentials); das Secret gehört unter Konten</translation>
    </message>
    <message>
        <source>the brand shown as vendor on Shopify</source>
        <translation>die Marke, die auf Shopify als Anbieter erscheint</translation>
    </message>
    <message>
        <source>needed for account-level Printful tokens (or POD_PRINTFUL_STORE_ID)</source>
        <translation>nötig für kontoweite Printful-Tokens (oder POD_PRINTFUL_STORE_ID)</translation>
    </message>
    <message>
        <source>Shopify shop:</source>
        <translation>Shopify-Shop:</translation>
    </message>
    <message>
        <source>Admin API version:</source>
        <translation>Admin-API-Version:</translation>
    </message>
    <message>
        <source>Shopify client id:</source>
        <translation>Shopify-Client-ID:</translation>
    </message>
    <message>
        <source>Vendor:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Printful store id:</source>
        <translation>Printful-Shop-ID:</translation>
    </message>
    <message>
        <source>Products and prices</source>
        <translation>Produkte und Preise</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Price from</source>
        <translation>Preisbasis</translation>
    </message>
    <message>
        <source>Markup %</source>
        <translation>Aufschlag %</translation>
    </message>
    <message>
        <source>Round to .99</source>
        <translation>Auf .99 runden</translation>
    </message>
    <message>
        <source>Fixed price</source>
        <translation>Festpreis</translation>
    </message>
    <message>
        <source>Per-size prices</source>
        <translation>Preise je Größe</translation>
    </message>
    <message>
        <source>cost + markup</source>
        <translation>Kosten + Aufschlag</translation>
    </message>
    <message>
        <source>fixed price</source>
        <translation>Festpreis</translation>
    </message>
    <message>
        <source>Per-size prices override the fixed price, e.g. “2XL=27.99, 3XL=29.99”. The publish dialog shows the margin of every size before anything is sent.</source>
        <translation>Preise je Größe überschreiben den Festpreis, z. B. „2XL=27.99, 3XL=29.99“. Der Veröffentlichungsdialog zeigt die Marge jeder Größe, bevor etwas gesendet wird.</translation>
    </message>
    <message>
        <source>&amp;Save publishing settings</source>
        <translation>Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>The fixed price of %1 is not an amount like 24.99.</source>
        <translation>Der Festpreis von %1 ist kein Betrag wie 24.99.</translation>
    </message>
    <message>
        <source>The per-size prices of %1 should look like “2XL=27.99, 3XL=29.99”.</source>
        <translation>Die Preise je Größe von %1 sollten wie „2XL=27.99, 3XL=29.99“ aussehen.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Printful downloads print files by URL. POD Trends uploads each print file to your Shopify Files (the app needs the &lt;code&gt;write_products&lt;/code&gt; and &lt;code&gt;write_files&lt;/code&gt; permissions) and gives Printful that address. Tokens are kept in the keychain: see Settings → Accounts.</source>
        <translation>Printful lädt Druckdateien über eine URL herunter. POD Trends lädt jede Druckdatei in Ihre Shopify-Dateien hoch (die App braucht die Berechtigungen &lt;code&gt;write_products&lt;/code&gt; und &lt;code&gt;write_files&lt;/code&gt;) und gibt Printful diese Adresse. Tokens liegen im Schlüsselbund: siehe Einstellungen → Konten.</translation>
    </message>
    <message>
        <source>Prices per product type</source>
        <translation>Preise je Produktart</translation>
    </message>
    <message>
        <source>Markup for %1</source>
        <translation>Aufschlag für %1</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Hergestellt auf</translation>
    </message>
    <message>
        <source>Printful product %1</source>
        <translation>Printful-Produkt %1</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::RestApiSettings</name>
    <message>
        <source>Local REST API</source>
        <translation>Lokale REST-API</translation>
    </message>
    <message>
        <source>Other tools can read trends, products and designs and start design generation over HTTP at &lt;code&gt;/api/v1/…&lt;/code&gt;, with an API key from the list below.</source>
        <translation>Andere Tools können über HTTP unter &lt;code&gt;/api/v1/…&lt;/code&gt; Trends, Produkte und Designs lesen und die Design-Erzeugung starten – mit einem API-Schlüssel aus der Liste unten.</translation>
    </message>
    <message>
        <source>&amp;Run the REST API while POD Trends is open</source>
        <translation>REST-API &amp;ausführen, solange POD Trends geöffnet ist</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>This computer only (127.0.0.1)</source>
        <translation>Nur dieser Computer (127.0.0.1)</translation>
    </message>
    <message>
        <source>Every network (0.0.0.0, plain HTTP)</source>
        <translation>Alle Netzwerke (0.0.0.0, unverschlüsseltes HTTP)</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>Erreichbar &amp;für:</translation>
    </message>
    <message>
        <source> requests/s per key</source>
        <translation> Anfragen/s pro Schlüssel</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Ratenlimit:</translation>
    </message>
    <message>
        <source>e.g. http://localhost:3000 (empty: no browser access)</source>
        <translation>z. B. http://localhost:3000 (leer: kein Browserzugriff)</translation>
    </message>
    <message>
        <source>Allowed &amp;origins (CORS):</source>
        <translation>Erlaubte &amp;Ursprünge (CORS):</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>Läuft nicht.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Send a key as &lt;code&gt;Authorization: Bearer &amp;lt;key&amp;gt;&lt;/code&gt;. Keys are stored hashed: a new key is shown only once, right after you create it.</source>
        <translation>Senden Sie einen Schlüssel als &lt;code&gt;Authorization: Bearer &amp;lt;key&amp;gt;&lt;/code&gt;. Schlüssel werden gehasht gespeichert: Ein neuer Schlüssel wird nur einmal angezeigt, direkt nach dem Erstellen.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation>Schlüssel beginnt mit</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name of the tool that will use the key</source>
        <translation>Name des Tools, das den Schlüssel nutzt</translation>
    </message>
    <message>
        <source>&amp;Create key</source>
        <translation>Schlüssel &amp;erstellen</translation>
    </message>
    <message>
        <source>Re&amp;voke selected</source>
        <translation>Auswahl &amp;widerrufen</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Waiting for a database.</source>
        <translation>Warte auf eine Datenbank.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Serving at http://%1:%2/api/v1/</source>
        <translation>Läuft unter http://%1:%2/api/v1/</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>Läuft nicht: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>widerrufen %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Give the key a name first, e.g. the tool that will use it.</source>
        <translation>Geben Sie dem Schlüssel zuerst einen Namen, z. B. das Tool, das ihn nutzt.</translation>
    </message>
    <message>
        <source>Copy the key now: it is not stored and will not be shown again.</source>
        <translation>Kopieren Sie den Schlüssel jetzt: Er wird nicht gespeichert und nicht erneut angezeigt.</translation>
    </message>
    <message>
        <source>The key was revoked; tools using it are refused from now on.</source>
        <translation>Der Schlüssel wurde widerrufen; Tools, die ihn nutzen, werden ab sofort abgewiesen.</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ScoringSettings</name>
    <message>
        <source>Demand</source>
        <translation>Nachfrage</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Wachstum</translation>
    </message>
    <message>
        <source>Low competition</source>
        <translation>Geringer Wettbewerb</translation>
    </message>
    <message>
        <source>Profitability</source>
        <translation>Rentabilität</translation>
    </message>
    <message>
        <source>Seed defaults (0.25 each)</source>
        <translation>Ursprüngliche Gewichte (je 0,25)</translation>
    </message>
    <message>
        <source>Marketplace fee</source>
        <translation>Marktplatzgebühr</translation>
    </message>
    <message>
        <source>Fixed fee per sale</source>
        <translation>Fixgebühr pro Verkauf</translation>
    </message>
    <message>
        <source>Base cost per product (empty = not configured)</source>
        <translation>Grundkosten je Produkt (leer = nicht festgelegt)</translation>
    </message>
    <message>
        <source>Product type</source>
        <translation>Produktart</translation>
    </message>
    <message>
        <source>Base cost ($)</source>
        <translation>Grundkosten ($)</translation>
    </message>
    <message>
        <source>Fill typical costs</source>
        <translation>Typische Kosten eintragen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Score weights</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>What the two scores mean</source>
        <translation>Was die beiden Werte bedeuten</translation>
    </message>
    <message>
        <source>Opportunity.</source>
        <translation>Chance.</translation>
    </message>
    <message>
        <source>Ranks each niche against the rest of the market in your database, so the strongest niche you collected scores high even where a marketplace publishes no sales. Demand is what each marketplace shows: on Shopify, how many of the stores you follow carry the niche, their listings of the last 30 days and their sold-out variants; on Etsy, favourites, views and new listings; on Amazon, reviews and the Best Sellers Rank. Growth is how those figures changed between scrapes. Competition sets the listings against that demand: many listings where buyers are many is less crowded than a few where there are none. Profit is what the price leaves after the base cost and fees. A part that nothing measures says &quot;no data&quot; and is left out instead of counting as zero.</source>
        <translation>Ordnet jede Nische im Vergleich zum übrigen Markt in Ihrer Datenbank ein, sodass die stärkste von Ihnen erfasste Nische hoch bewertet wird, auch wenn ein Marktplatz keine Verkäufe veröffentlicht. Nachfrage ist, was jeder Marktplatz zeigt: bei Shopify, wie viele der verfolgten Shops die Nische führen, deren Angebote der letzten 30 Tage und ausverkaufte Varianten; bei Etsy Favoriten, Aufrufe und neue Angebote; bei Amazon Rezensionen und der Bestseller-Rang. Wachstum ist, wie sich diese Zahlen zwischen den Erfassungen verändert haben. Wettbewerb setzt die Angebote ins Verhältnis zu dieser Nachfrage: Viele Angebote bei vielen Käufern sind weniger überlaufen als wenige, wo es keine Käufer gibt. Gewinn ist, was vom Preis nach Grundkosten und Gebühren bleibt. Ein Teil, den nichts misst, zeigt „keine Daten“ und wird weggelassen, statt als null zu zählen.</translation>
    </message>
    <message>
        <source>Seed score.</source>
        <translation>Ursprungswert.</translation>
    </message>
    <message>
        <source>The original web tool&apos;s score, kept unchanged so its numbers can be compared: demand from reviews and stars, growth from stars, competition from the number of listings and profit from price and stars, each on a fixed scale. Any niche with about a thousand reviews gets full demand, and a niche without reviews (Shopify storefronts publish none) gets almost none.</source>
        <translation>Der Wert des ursprünglichen Web-Tools, unverändert beibehalten, damit seine Zahlen vergleichbar bleiben: Nachfrage aus Rezensionen und Sternen, Wachstum aus Sternen, Wettbewerb aus der Zahl der Angebote und Gewinn aus Preis und Sternen, jeweils auf einer festen Skala. Jede Nische mit etwa tausend Rezensionen erhält volle Nachfrage, eine Nische ohne Rezensionen (Shopify-Shops veröffentlichen keine) fast keine.</translation>
    </message>
    <message>
        <source>Weights.</source>
        <translation>Gewichte.</translation>
    </message>
    <message>
        <source>Both scores add demand, growth, low competition and profit with the weights above.</source>
        <translation>Beide Werte addieren Nachfrage, Wachstum, geringen Wettbewerb und Gewinn mit den obigen Gewichten.</translation>
    </message>
    <message>
        <source>No base costs: the opportunity estimates the margin with typical costs; the seed score uses the price and rating.</source>
        <translation>Keine Grundkosten: Die Chance schätzt die Marge mit typischen Kosten; der Ursprungswert nutzt Preis und Sternebewertung.</translation>
    </message>
    <message numerus="yes">
        <source>The opportunity&apos;s profit is the margin (price, less base cost and fees) for %n product type(s); the next analysis uses it.</source>
        <translation>
            <numerusform>Der Gewinn der Chance ist die Marge (Preis abzüglich Grundkosten und Gebühren) für %n Produktart; die nächste Analyse verwendet sie.</numerusform>
            <numerusform>Der Gewinn der Chance ist die Marge (Preis abzüglich Grundkosten und Gebühren) für %n Produktarten; die nächste Analyse verwendet sie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Base cost per product type</source>
        <translation>Grundkosten je Produktart</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Where data lives, your accounts and how features behave.</source>
        <translation>Wo Daten liegen, Ihre Konten und wie Funktionen arbeiten.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Veröffentlichung</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>REST-API</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>&amp;Change database…</source>
        <translation>Datenbank &amp;wechseln…</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>Working on the PostgreSQL server &lt;b&gt;%1&lt;/b&gt;, shared with your team.</source>
        <translation>Sie arbeiten auf dem PostgreSQL-Server &lt;b&gt;%1&lt;/b&gt;, gemeinsam mit Ihrem Team.</translation>
    </message>
    <message>
        <source>Working offline on the SQLite file &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Sie arbeiten offline mit der SQLite-Datei &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Same as the system (%1)</source>
        <translation>Wie das System (%1)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>The window switches at once. Numbers, prices and dates follow the language you choose.</source>
        <translation>Das Fenster wechselt sofort. Zahlen, Preise und Datumsangaben folgen der gewählten Sprache.</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SourceDialog</name>
    <message>
        <source>Add source</source>
        <translation>Quelle hinzufügen</translation>
    </message>
    <message>
        <source>Shopify store</source>
        <translation>Shopify-Shop</translation>
    </message>
    <message>
        <source>Etsy search</source>
        <translation>Etsy-Suche</translation>
    </message>
    <message>
        <source>Amazon search</source>
        <translation>Amazon-Suche</translation>
    </message>
    <message>
        <source>&amp;Marketplace:</source>
        <translation>&amp;Marktplatz:</translation>
    </message>
    <message>
        <source>Optional, e.g. &quot;Competitor: Cat mugs&quot;</source>
        <translation>Optional, z. B. „Konkurrent: Katzentassen“</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source>How often the app collects this source while it is open (it catches up after a restart)</source>
        <translation>Wie oft die App diese Quelle erfasst, solange sie geöffnet ist (nach einem Neustart holt sie es nach)</translation>
    </message>
    <message>
        <source>Scrape &amp;every:</source>
        <translation>&amp;Erfassen alle:</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Upper bound on result pages per run; Default lets the marketplace&apos;s scraper decide</source>
        <translation>Obergrenze für Ergebnisseiten pro Durchlauf; bei Standard entscheidet der Scraper des Marktplatzes</translation>
    </message>
    <message>
        <source>Max &amp;pages:</source>
        <translation>Max. &amp;Seiten:</translation>
    </message>
    <message>
        <source>Scrape on schedule</source>
        <translation>Nach Zeitplan erfassen</translation>
    </message>
    <message>
        <source>Test Etsy API key</source>
        <translation>Etsy-API-Schlüssel testen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Store &amp;URL:</source>
        <translation>Shop-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>&amp;Suchbegriffe:</translation>
    </message>
    <message>
        <source>https://store.example.com</source>
        <translation>https://store.example.com</translation>
    </message>
    <message>
        <source>e.g. funny cat mug</source>
        <translation>z. B. lustige Katzentasse</translation>
    </message>
    <message>
        <source>Edit source</source>
        <translation>Quelle bearbeiten</translation>
    </message>
    <message>
        <source>Enter the store&apos;s address, e.g. https://store.example.com.</source>
        <translation>Geben Sie die Adresse des Shops ein, z. B. https://store.example.com.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a store address: use https://store-name.com (plain http only for this computer).</source>
        <translation>„%1“ ist keine Shop-Adresse: Verwenden Sie https://store-name.com (einfaches http nur für diesen Computer).</translation>
    </message>
    <message>
        <source>Enter the search keywords, e.g. funny cat mug.</source>
        <translation>Geben Sie die Suchbegriffe ein, z. B. lustige Katzentasse.</translation>
    </message>
    <message>
        <source>Keywords are limited to %1 characters.</source>
        <translation>Suchbegriffe sind auf %1 Zeichen begrenzt.</translation>
    </message>
    <message>
        <source>Enter search keywords here, not an address.</source>
        <translation>Geben Sie hier Suchbegriffe ein, keine Adresse.</translation>
    </message>
    <message>
        <source>Scrape at most every 15 minutes.</source>
        <translation>Höchstens alle 15 Minuten erfassen.</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SourceMarketplaceModel</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last scraped</source>
        <translation>Zuletzt erfasst</translation>
    </message>
    <message>
        <source>Next scrape</source>
        <translation>Nächste Erfassung</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SourceTableModel</name>
    <message>
        <source>manual only</source>
        <translation>nur manuell</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>every %1 days</source>
        <translation>alle %1 Tage</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>stündlich</translation>
    </message>
    <message>
        <source>every %1 hours</source>
        <translation>alle %1 Stunden</translation>
    </message>
    <message>
        <source>every %1 minutes</source>
        <translation>alle %1 Minuten</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>Noch nicht gelaufen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Store or search</source>
        <translation>Shop oder Suche</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Nächster Lauf</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>failed %1</source>
        <translation>fehlgeschlagen %1</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SourcesPage</name>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Stores and searches to collect, and how often.</source>
        <translation>Shops und Suchen, die gesammelt werden, und wie oft.</translation>
    </message>
    <message>
        <source>Add source…</source>
        <translation>Quelle hinzufügen…</translation>
    </message>
    <message>
        <source>Add a Shopify store or an Etsy/Amazon search (Ctrl+N)</source>
        <translation>Einen Shopify-Shop oder eine Etsy-/Amazon-Suche hinzufügen (Ctrl+N)</translation>
    </message>
    <message>
        <source>Scrape now</source>
        <translation>Jetzt abrufen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected source (Del); its products stay</source>
        <translation>Ausgewählte Quelle entfernen (Del); ihre Produkte bleiben erhalten</translation>
    </message>
    <message>
        <source>Filter sources (Ctrl+F)</source>
        <translation>Quellen filtern (Ctrl+F)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No sources yet&lt;/h3&gt;&lt;p&gt;Add a Shopify store or a search on Etsy or Amazon, and the app collects its products every few hours.&lt;br&gt;You can also drop saved pages or &lt;i&gt;products.json&lt;/i&gt; files on this window.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Noch keine Quellen&lt;/h3&gt;&lt;p&gt;Fügen Sie einen Shopify-Shop oder eine Suche auf Etsy oder Amazon hinzu, und die App erfasst alle paar Stunden deren Produkte.&lt;br&gt;Sie können auch gespeicherte Seiten oder &lt;i&gt;products.json&lt;/i&gt;-Dateien auf dieses Fenster ziehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Add a Shopify store or a search…</source>
        <translation>Shopify-Shop oder Suche hinzufügen…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Marketplaces&lt;/b&gt;</source>
        <translation>&lt;b&gt;Marktplätze&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Jobs&lt;/b&gt; — running and recent, on every machine sharing this database</source>
        <translation>&lt;b&gt;Aufträge&lt;/b&gt; — laufende und letzte, auf allen Rechnern mit dieser Datenbank</translation>
    </message>
    <message>
        <source>Filter sources</source>
        <translation>Quellen filtern</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>Quelle entfernen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Add source</source>
        <translation>Quelle hinzufügen</translation>
    </message>
    <message>
        <source>Loading sources failed: %1</source>
        <translation>Laden der Quellen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>1 source</source>
        <translation>1 Quelle</translation>
    </message>
    <message>
        <source>%1 sources</source>
        <translation>%1 Quellen</translation>
    </message>
    <message>
        <source>%1, %2 need attention (hover the status for the reason)</source>
        <translation>%1, %2 brauchen Aufmerksamkeit (Grund: Maus auf den Status halten)</translation>
    </message>
    <message>
        <source>%1: stores and searches to collect, and how often.</source>
        <translation>%1: Shops und Suchen zum Erfassen, und wie oft.</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>This store or search is already a source.</source>
        <translation>Dieser Shop bzw. diese Suche ist bereits eine Quelle.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Updated source %1</source>
        <translation>Quelle %1 aktualisiert</translation>
    </message>
    <message>
        <source>Added source %1</source>
        <translation>Quelle %1 hinzugefügt</translation>
    </message>
    <message>
        <source>Remove &quot;%1&quot;? The products it collected stay in the database.</source>
        <translation>„%1“ entfernen? Die erfassten Produkte bleiben in der Datenbank.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>%1 — %2 products so far</source>
        <translation>%1 — bisher %2 Produkte</translation>
    </message>
    <message>
        <source>%1 products</source>
        <translation>%1 Produkte</translation>
    </message>
    <message>
        <source>Imported %1 products from %2 files</source>
        <translation>%1 Produkte aus %2 Dateien importiert</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Importing %1 files and folders…</source>
        <translation>%1 Dateien und Ordner werden importiert…</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>Öffnen Sie zuerst eine Datenbank.</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;podtrends:import&quot;&gt;Import files…&lt;/a&gt; &amp;nbsp; &lt;a href=&quot;podtrends:sample&quot;&gt;Try the sample workspace&lt;/a&gt; (made-up shops, removable in one click)</source>
        <translation>&lt;a href=&quot;podtrends:import&quot;&gt;Dateien importieren…&lt;/a&gt; &amp;nbsp; &lt;a href=&quot;podtrends:sample&quot;&gt;Beispiel-Arbeitsbereich ausprobieren&lt;/a&gt; (erfundene Shops, mit einem Klick entfernbar)</translation>
    </message>
    <message>
        <source>Marketplaces</source>
        <translation>Marktplätze</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::TrendDetailView</name>
    <message>
        <source>&amp;Generate designs</source>
        <translation>Designs &amp;erzeugen</translation>
    </message>
    <message>
        <source>Create original designs for this niche on the Designs page</source>
        <translation>Originelle Designs für diese Nische auf der Seite Designs erstellen</translation>
    </message>
    <message>
        <source>Top products</source>
        <translation>Top-Produkte</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <source>Select a trend</source>
        <translation>Trend auswählen</translation>
    </message>
    <message>
        <source>Pick a row in the table or a point on the opportunity map to see why it ranks where it does.</source>
        <translation>Wählen Sie eine Zeile in der Tabelle oder einen Punkt auf der Chancenkarte, um zu sehen, warum er so eingestuft ist.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>all categories</source>
        <translation>alle Kategorien</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Erkenntnisse</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Nachfrage</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Wachstum</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>Wettbewerb</translation>
    </message>
    <message>
        <source>Audience evidence</source>
        <translation>Hinweise zur Zielgruppe</translation>
    </message>
    <message>
        <source>products mentioning it</source>
        <translation>Produkte, die es erwähnen</translation>
    </message>
    <message>
        <source>Occasions</source>
        <translation>Anlässe</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>Hobbys</translation>
    </message>
    <message>
        <source>Gender cues</source>
        <translation>Geschlechtshinweise</translation>
    </message>
    <message>
        <source>Age cues</source>
        <translation>Altershinweise</translation>
    </message>
    <message>
        <source>Styles</source>
        <translation>Stile</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>&lt;b&gt;Season:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Saison:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>evergreen</source>
        <translation>ganzjährig</translation>
    </message>
    <message>
        <source>How is this computed?</source>
        <translation>Wie wird das berechnet?</translation>
    </message>
    <message>
        <source>demand</source>
        <translation>Nachfrage</translation>
    </message>
    <message>
        <source>growth</source>
        <translation>Wachstum</translation>
    </message>
    <message>
        <source>room left by competitors</source>
        <translation>Freiraum im Wettbewerb</translation>
    </message>
    <message>
        <source>profit</source>
        <translation>Gewinn</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 (counts %2 %)</source>
        <translation>%1 (zählt %2 %)</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>Rests on %1 alone.</source>
        <translation>Beruht allein auf %1.</translation>
    </message>
    <message>
        <source>Weighs %1 equally.</source>
        <translation>Gewichtet %1 gleich.</translation>
    </message>
    <message>
        <source>Weighs %1.</source>
        <translation>Gewichtet %1.</translation>
    </message>
    <message>
        <source>No data for %1, so it is left out.</source>
        <translation>Keine Daten für %1, daher weggelassen.</translation>
    </message>
    <message>
        <source>No data for %1, so they are left out.</source>
        <translation>Keine Daten für %1, daher weggelassen.</translation>
    </message>
    <message>
        <source>Careful: &quot;%1&quot; carries the protected name %2. Designs that use it risk a takedown; this niche is left out of the top opportunities.</source>
        <translation>Vorsicht: „%1“ enthält den geschützten Namen %2. Designs damit riskieren eine Löschung; diese Nische fehlt daher bei den Top-Chancen.</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source> (estimated)</source>
        <translation> (geschätzt)</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Chance</translation>
    </message>
    <message>
        <source>Nothing here measures demand yet.</source>
        <translation>Hier misst noch nichts die Nachfrage.</translation>
    </message>
    <message>
        <source>No stores, favourites or reviews tell how much it sells.</source>
        <translation>Keine Shops, Favoriten oder Rezensionen zeigen, wie gut es sich verkauft.</translation>
    </message>
    <message>
        <source>Needs two scrapes at least a day apart.</source>
        <translation>Braucht zwei Erfassungen im Abstand von mindestens einem Tag.</translation>
    </message>
    <message>
        <source>Measured against demand, so it needs demand first.</source>
        <translation>Wird an der Nachfrage gemessen, braucht also zuerst Nachfrage.</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Gewinn</translation>
    </message>
    <message>
        <source>No product type with a base cost.</source>
        <translation>Keine Produktart mit Grundkosten.</translation>
    </message>
    <message>
        <source>Seed score</source>
        <translation>Ursprungswert</translation>
    </message>
    <message>
        <source>the original web tool&apos;s formula, for comparison</source>
        <translation>die Formel des ursprünglichen Web-Tools, zum Vergleich</translation>
    </message>
    <message>
        <source>Opportunity, calibrated on the market in your database:</source>
        <translation>Chance, kalibriert am Markt in Ihrer Datenbank:</translation>
    </message>
    <message>
        <source>The seed&apos;s scores (the original formulas, unchanged):</source>
        <translation>Die Ursprungswerte (Originalformeln, unverändert):</translation>
    </message>
    <message>
        <source>Bought for</source>
        <translation>Gekauft für</translation>
    </message>
    <message>
        <source>&lt;b&gt;Products:&lt;/b&gt; %1&lt;br&gt;</source>
        <translation>&lt;b&gt;Produkte:&lt;/b&gt; %1&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prices:&lt;/b&gt; %1&lt;br&gt;</source>
        <translation>&lt;b&gt;Preise:&lt;/b&gt; %1&lt;br&gt;</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::TrendTableModel</name>
    <message>
        <source>Evergreen</source>
        <translation>Ganzjährig</translation>
    </message>
    <message>
        <source>Niche</source>
        <translation>Nische</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Nachfrage</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Wachstum</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>Wettbewerb</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Gewinn</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Avg price</source>
        <translation>Ø Preis</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Saison</translation>
    </message>
    <message>
        <source>Marketplaces</source>
        <translation>Marktplätze</translation>
    </message>
    <message>
        <source>Other products</source>
        <translation>Andere Produkte</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>The seed&apos;s overall score: %1</source>
        <translation>Ursprünglicher Gesamtwert: %1</translation>
    </message>
    <message>
        <source>The niche&apos;s score across all its product types. %1</source>
        <translation>Der Wert der Nische über alle ihre Produktarten. %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>Refines &quot;%1&quot;; its listings count in &quot;%1&quot; too. %2</source>
        <translation>Verfeinert „%1“; ihre Angebote zählen auch in „%1“. %2</translation>
    </message>
    <message>
        <source>Careful: carries the protected name %1. %2</source>
        <translation>Vorsicht: enthält den geschützten Namen %1. %2</translation>
    </message>
    <message>
        <source>%1 of the niche&apos;s %2 listings are %3</source>
        <translation>%1 der %2 Angebote der Nische sind %3</translation>
    </message>
    <message>
        <source>Product type</source>
        <translation>Produktart</translation>
    </message>
    <message>
        <source>Product types</source>
        <translation>Produktarten</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Chance</translation>
    </message>
    <message>
        <source>Seed score</source>
        <translation>Ursprungswert</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::TrendsPage</name>
    <message>
        <source>Trends</source>
        <translation>Trends</translation>
    </message>
    <message>
        <source>Niches ranked by opportunity: demand, growth, competition and profitability.</source>
        <translation>Nischen nach Chance: Nachfrage, Wachstum, Wettbewerb und Rentabilität.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Analyze now</source>
        <translation>Jetzt &amp;analysieren</translation>
    </message>
    <message>
        <source>Group the collected products into niches and score them</source>
        <translation>Erfasste Produkte zu Nischen gruppieren und bewerten</translation>
    </message>
    <message>
        <source>Any season</source>
        <translation>Jede Saison</translation>
    </message>
    <message>
        <source>Evergreen</source>
        <translation>Ganzjährig</translation>
    </message>
    <message>
        <source>Seasonal</source>
        <translation>Saisonal</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(ohne Kategorie)</translation>
    </message>
    <message>
        <source>All marketplaces</source>
        <translation>Alle Marktplätze</translation>
    </message>
    <message>
        <source> min opportunity</source>
        <translation> Mindestchance</translation>
    </message>
    <message>
        <source>Minimum opportunity</source>
        <translation>Mindestchance</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Saison</translation>
    </message>
    <message>
        <source>Niches</source>
        <translation>Nischen</translation>
    </message>
    <message>
        <source>Niches by product type</source>
        <translation>Nischen nach Produktart</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Show one row per niche, with its refinements under it, or one row per niche and product type</source>
        <translation>Eine Zeile pro Nische mit ihren Verfeinerungen darunter, oder eine Zeile pro Nische und Produktart</translation>
    </message>
    <message>
        <source>No trends yet</source>
        <translation>Noch keine Trends</translation>
    </message>
    <message>
        <source>Trends come from analyzing collected listings. Import saved marketplace pages or exports, or try the sample workspace, then press Analyze now.</source>
        <translation>Trends entstehen durch die Analyse erfasster Angebote. Importieren Sie gespeicherte Marktplatzseiten oder Exporte oder probieren Sie den Beispiel-Arbeitsbereich aus, und klicken Sie dann auf Jetzt analysieren.</translation>
    </message>
    <message>
        <source>Analyze now</source>
        <translation>Jetzt analysieren</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Dateien importieren…</translation>
    </message>
    <message>
        <source>Try the sample workspace</source>
        <translation>Beispiel-Arbeitsbereich ausprobieren</translation>
    </message>
    <message>
        <source>%1 of 1 niche</source>
        <translation>%1 von 1 Nische</translation>
    </message>
    <message>
        <source>%1 of %2 niches</source>
        <translation>%1 von %2 Nischen</translation>
    </message>
    <message>
        <source>%1 from Z to A</source>
        <translation>%1 von Z bis A</translation>
    </message>
    <message>
        <source>%1 from A to Z</source>
        <translation>%1 von A bis Z</translation>
    </message>
    <message>
        <source>most listings first</source>
        <translation>meiste Angebote zuerst</translation>
    </message>
    <message>
        <source>fewest listings first</source>
        <translation>wenigste Angebote zuerst</translation>
    </message>
    <message>
        <source>latest peak month first</source>
        <translation>spätester Spitzenmonat zuerst</translation>
    </message>
    <message>
        <source>evergreen first, then by peak month</source>
        <translation>ganzjährig zuerst, dann nach Spitzenmonat</translation>
    </message>
    <message>
        <source>most marketplaces first</source>
        <translation>meiste Marktplätze zuerst</translation>
    </message>
    <message>
        <source>fewest marketplaces first</source>
        <translation>wenigste Marktplätze zuerst</translation>
    </message>
    <message>
        <source>highest %1 first</source>
        <translation>%1 absteigend</translation>
    </message>
    <message>
        <source>lowest %1 first</source>
        <translation>%1 aufsteigend</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
</TS>
