<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>AmazonParser</name>
    <message>
        <source>The selector file is not valid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The page is empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amazon answered with a robot check (captcha) page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not an Amazon product page (no ASIN or title found)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AmazonScraper</name>
    <message numerus="yes">
        <source>Amazon blocked the request with a robot check (captcha); %n product(s) kept. Wait a few hours, or save the search pages from a browser and import them.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Amazon search page %1 failed</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Amazon is throttling requests (HTTP 429); %n product(s) kept. Try again later.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Amazon answered HTTP %1 for search page %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amazon answered %1 instead of a web page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amazon search page %1 could not be read: %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Amazon "%1": page %2, %n product(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Amazon returned a page without search results or a result count; it is probably blocking automated requests</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amazon has no results for "%1"</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Analysis</name>
    <message>
        <source>Analysis cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading products failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n trend(s) from %1 products</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>Finding niches in %n product(s)…</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Finding niches…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scoring niches…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Writing %n trend(s)…</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Reading products…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n trend(s) found</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>"%1" in %2: %n product(s) on %3, priced %4–%5 (average %6). </source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>all categories</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demand %1 from %2 reviews at %3 stars; growth %4 (%5); competition %6 (%7); profitability %8 (%9). Overall %10.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>measured over %1 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>estimated from ratings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 listings on the marketplace</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>estimated from %n listing(s) seen</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>margin %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>estimated from price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Low competition (%1): room for new designs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Crowded niche (competition %1): a design needs a clear angle.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reviews and favourites grow %1% per week (measured over %2 days).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interest is falling: %1% per week.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Proven demand: %1 reviews across %n listing(s).</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Bought for %1: %2 of %3 listings say so.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Occasion: %1 (%2 listings).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Most listings use a %1 style (%2 of %3).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seasonal: peaks in %1; list designs a month or two ahead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Average margin %1 per sale after base cost and fees.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Price band: %1 (%2 budget, %3 mid, %4 premium listings).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ApiKeyStore</name>
    <message>
        <source>Give the key a name, e.g. the tool that will use it</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChangeNotifier</name>
    <message>
        <source>Cannot watch the database for changes: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>print the run's figures as JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>worker threads (default: one per core)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>products a niche needs (default 3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--%1 takes a whole number of 1 or more</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Analysed %1 products: %2 trends (%3 new, %4 updated, %5 removed); %6 products belong to a trend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time: read %1 ms, compute %2 ms, write %3 ms.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No niche has %1 or more products yet: collect more listings and run analyze again.</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>
Exit codes: 0 success, 1 failure, 2 bad usage or input. Run "podtrends COMMAND --help" for a command's options.
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>collect listings from a marketplace into the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>import saved Amazon pages, products.json, Etsy API JSON or CSV exports</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>find and score niches from the stored products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>list trends, best first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>list stored products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>generate designs for a trend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>list designs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>publish a design to Printful and Shopify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the marketplaces and sources with their status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>run scheduled jobs from the shared database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>serve the local REST API (/api/v1/…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage: podtrends %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Option %1 needs a value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown option: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown command: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write the log file %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the trend to design for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>how many variants (default 3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>builtin (offline, default) or openai</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>seed for a reproducible result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>folder for the files (default: designs/ in the data folder)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>print the stored designs as JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>generate takes one trend id (see "podtrends trends")</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--variants takes a whole number from 1 to 12</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--provider is builtin or openai</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--seed takes a whole number from 0 to 4294967295</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n design(s) generated</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>--limit takes a whole number of 0 or more</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>print JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>only this marketplace</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>words in title, tags or vendor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>only this category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>at most N products</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>marketplace %1: %2, last scraped %3%4
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>at most N trends</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>only trends scoring at least S overall</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n trend(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>only designs of this trend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>draft, ready or published</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n design(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>the design to publish</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>create the Printful product (with --shopify: both; neither: both)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>create the Shopify draft product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>product type: tshirt, hoodie or longsleeve (default tshirt)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>colours to offer, comma-separated (default Black,White)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sizes to offer, comma-separated (default S,M,L,XL,2XL)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage: podtrends publish DESIGN_ID [--printful] [--shopify]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DESIGN_ID must be a positive number, not "%1".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>waiting:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>failed:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Imported %1 product(s) from %2 file(s): %3 new, %4 updated; %5 file(s) skipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 "%2": %3 product(s) from %4 page(s): %5 new, %6 updated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Marketplace results for the query: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The run ended with status %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--%1 takes a whole number greater than 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>shopify, etsy or amazon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the store URL (shopify) or the search keywords</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>shopify: at most N pages of 250 products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>etsy: at most N listings (default 1000, at most 12,100)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>amazon: search result pages (default 3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>print the run summary as JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no progress lines on stderr</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage: podtrends scrape shopify STORE_URL | etsy KEYWORDS | amazon KEYWORDS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>files or folders (imported recursively)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage: podtrends import FILE_OR_DIR...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Jobs to run at once (default 1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comma-separated job kinds to take (default: all this program knows).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How long a job stays ours without a heartbeat (default 60).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How often an idle worker looks for due jobs (default 1000).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Do not queue scrapes of due sources (another worker or the app does).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--concurrency needs a number from 1 to 64</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--lease-seconds needs a positive number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--poll-ms needs a positive number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown job kind: %1 (known: %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This program has no job handlers to run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TCP port (default 8000; 0 picks a free one).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1, this machine only).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Requests per second per client (default 20; 0 turns limiting off).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Requests a client may send at once (default 40).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comma-separated browser origins allowed to call the API, or *.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create an API key with this name, print it once and exit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revoke the API key with this id and exit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>List the API keys (never the keys themselves) and exit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>API key %1 (id %2) created; it is shown only this once.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--revoke-key needs a key id (see --list-keys)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>revoked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--port needs a number from 0 to 65535</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--bind needs an IP address such as 127.0.0.1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--rate-limit needs a number of requests per second (0 turns it off)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--burst needs a positive number</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is not a SQLite database; it was left untouched</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PostgreSQL at %1 refused the user name or password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PostgreSQL at %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read the schema version: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is damaged (%2); it was left untouched</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database %1 was written by a newer version of POD Trends (schema %2, this program knows up to %3); it was left untouched</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No database file given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is a folder, not a database file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The folder of %1 is not writable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database was written by a newer version of POD Trends (schema %1, this program knows %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No transaction is active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the disk is full; nothing was saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Malformed PostgreSQL URL: expected postgres://user:password@host:port/dbname</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Malformed PostgreSQL URL: the database name is missing (postgres://user:password@host:port/dbname)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Malformed PostgreSQL URL: invalid port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsupported database URL "%1": use a file path or postgres://…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database is not open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A product without marketplace or external id cannot be stored ("%1")</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving products failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving snapshots failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the CSV file failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The export was cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The SQLite driver gave no database handle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Assigning products to trends failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving trends failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Removing old trends failed: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DesignGenerator</name>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown provider "%1": use builtin or openai</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The number of variants must be between 1 and 12</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no trend with id %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Variant %1: artwork</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Variant %1: print files and mockups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Variant %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DesignRepository</name>
    <message>
        <source>Design %1 no longer exists.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DesignService</name>
    <message>
        <source>There is no design with id %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The print files have not passed their checks (size, DPI, transparency); regenerate the design.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The print file %1 is missing; regenerate the design.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1 is already published</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1 cannot be marked ready: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1 is published; generate a new one instead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The slogan cannot be empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The illustration of design %1 is missing; regenerate it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot copy %1 to %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EtsyScraper</name>
    <message>
        <source>No Etsy API key: add it under Settings → API keys (or set POD_ETSY_API_KEY)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Etsy API key must be "keystring:shared_secret"; the shared secret is missing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Etsy search failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Etsy refused the API key (HTTP %1: %2); check keystring:secret in Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>forbidden</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partial result: Etsy pages at most %1 listings per search</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Etsy's rate limit was reached (HTTP 429) after %n listing(s); try again later</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Etsy answered HTTP %1%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Etsy answered %1 instead of JSON</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Etsy's answer at offset %1 is not valid JSON (%2); %n listing(s) kept</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>Etsy "%1": %n listing(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"results" is not a list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no "results" list</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <source>%1 closed the connection before the answer was complete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host %1 was not found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The secure connection to %1 failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Network error talking to %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not a valid web address: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Plain http is refused for %1; use https</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsupported address scheme "%1"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The answer from %1 is larger than %2 MB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No answer from %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>the CSV file is empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not an Etsy listings export (no TITLE and PRICE columns)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>larger than 64 MB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a saved robot check (captcha) page, not search results</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no Amazon search results or product found in the page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not a products.json, Etsy API answer, saved Amazon page or Etsy CSV export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No importable files found (.html, .json, .csv)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped; first: %1</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
</context>
<context>
    <name>JobHandlers</name>
    <message>
        <source>Slept %1 ms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped before it finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The scrape job names no source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Source %1 no longer exists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Source %1 is being scraped already</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The scrape ended without a result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The generate job names no trend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No design was generated</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobQueue</name>
    <message>
        <source>The job for %1 could not be queued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Job %1 is no longer held by this worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Job %1 is no longer held by this worker; its result was dropped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The worker running it stopped responding %1 times</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobWorker</name>
    <message>
        <source>No handler for jobs of kind %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Mockups</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OpenAiClient</name>
    <message>
        <source>The AI server address %1 is not a valid http(s) URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refusing plain http to %1: use https (plain http is only allowed to this computer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 rejected the API key (HTTP %2): %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 sent an answer that is not valid JSON</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OpenAiProvider</name>
    <message>
        <source>The chat answer has no message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The model refused the request: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>content filter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The model's answer is not the JSON object asked for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The model's JSON lacks a concept or usable slogans</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The image server sent a URL instead of image data (b64_json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The image server's answer has no image data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The image server's data is not a usable image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Concept request failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every slogan the model suggested names a protected brand or character</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image request failed: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PngWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PrintFiles</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is not a PNG file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 has no PNG header</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PrintfulClient</name>
    <message>
        <source>Printful rejected the token (401: %1). Check the Printful token in Settings → Accounts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful refused access (403: %1). The token needs the sync_products and file_library scopes, and the store id must be right.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful's rate limit is still exceeded after waiting (429: %1). Try again in a minute.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful answered %1 to %2: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No Printful token is set. Add it in Settings → Accounts (or set POD_PRINTFUL_TOKEN).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful rate limit: waiting %1 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful rate limit reached: waiting %1 s before retrying</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful did not answer properly (%1); retrying</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful answered %1 with something that is not JSON (%2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful's catalog has no product %1 (404). Check the catalog product id in Settings → Publishing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful's catalog product %1 has no variants.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful accepted the file but returned no id.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful could not process the print file: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful has not finished fetching the print file after %1 s (status "%2"). Retry later; publishing resumes from this step.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful created the product but returned no id.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProductTypes</name>
    <message>
        <source>T-shirt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hoodie</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Long-sleeve shirt</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PublishHttp</name>
    <message>
        <source>The address %1 is not a valid URL.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refusing plain http to %1: credentials are only sent over https (or to this computer).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsupported URL scheme "%1".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PublishJob</name>
    <message>
        <source>The publish job has no design_id.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PublishPlan</name>
    <message>
        <source>Unknown product type "%1".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose Printful, Shopify or both.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose at least one colour and one size.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful's %1 is not made in %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 variants is more than Printful's 100 per product; choose fewer colours or sizes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The price of %1 / %2 must be more than zero.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;public URL of the print file&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;Printful file id&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;uploaded mockup&gt;</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Publisher</name>
    <message>
        <source>Check the print file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Public URL of the print file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify draft product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mark published</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown product type "%1".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>done earlier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No Printful token is set. Add it in Settings → Accounts (or set POD_PRINTFUL_TOKEN).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No Shopify Admin token is set. Add the shop and token in Settings (or set POD_SHOPIFY_SHOP and POD_SHOPIFY_TOKEN).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful fetches the print file by URL and POD Trends hosts it in your Shopify Files: add the Shopify shop and token in Settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The print file is %1×%2 px; Printful's front print area for %3 / %4 needs at least %5×%6 px.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Print file: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mockup: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>Design %1 has no print file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The print file %1 of design %2 is missing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The print file %1 is not a readable image (%2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The print file is %1×%2 px but its specification says %3×%4 px.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1 failed its print checks: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RestServer</name>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The REST API listens on %1, reachable from other machines over plain HTTP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database is not reachable</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ScrapeService</name>
    <message>
        <source>Could not record the run in the database: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not read the Etsy API key: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n product(s) stored</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Saving products failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scraping</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1: %n product(s) stored</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: cancelled, %n product(s) kept</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Imported %1 of %n file(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>Import: %n product(s) from %1 file(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the Etsy API key as keystring:shared_secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Etsy API key must be "keystring:shared_secret" (Etsy requires the shared secret since February 2026)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Etsy API key must not contain spaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Etsy could not be reached: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Etsy accepted the key (application %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Etsy refused the key (HTTP %1%2)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Scraper</name>
    <message>
        <source>Enter the store's address, e.g. https://example-store.com</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" is not a store address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the search keywords</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The keywords are too long (at most 200 characters)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown marketplace "%1" (use shopify, etsy or amazon)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Cancelled; %n product(s) kept</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The system keychain is not available (%1). Set the environment variable instead, or start a keychain service.</source>
        <translation type="unfinished" />
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
        <translation>API-Schlüssel (OpenAI-kompatibel)</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Datenbank-Passwort</translation>
    </message>
</context>
<context>
    <name>ShopifyClient</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify refused the client id and secret (%1). Check them in Settings → Accounts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No Shopify Admin token is set. Add it in Settings → Accounts (or set POD_SHOPIFY_TOKEN).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify rejected the access token (401). Check the Shopify Admin token (or client id and secret) in Settings → Accounts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify refused access (403): the app needs the write_products and write_files scopes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify answered 404 for %1: check the shop name and the API version in Settings → Publishing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify rate limit: waiting %1 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify did not answer properly (%1); retrying</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify answered HTTP %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify answered with something that is not JSON (%1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify is throttling: waiting %1 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify GraphQL error: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify refused the upload: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify returned no upload target.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The upload of %1 to Shopify's storage failed (HTTP %2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The upload of %1 to Shopify's storage failed: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify refused the file: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify created no file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify could not process the file: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify has not finished processing the print file after %1 s (status "%2"). Retry later; publishing resumes from this step.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify refused the product: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify returned no product.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ShopifyScraper</name>
    <message>
        <source>Page %1 of %2 failed: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partial result: Shopify serves at most 25,000 products per store this way</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 keeps refusing requests (HTTP %2, rate limited) at page %3; try again later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 answered HTTP %2 for page %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 does not look like a Shopify store (products.json answered %2, not JSON)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>; %n product(s) collected</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n product(s) kept</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of %2 is not valid products JSON (%3); %n product(s) kept</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: page %2, %n product(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>Partial result: Shopify serves at most 25,000 products per store this way; %n product(s) collected</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Stopped at the page limit (%1 pages); the store has more products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no "products" list</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TextSafety</name>
    <message>
        <source>The text contains the protected name %1; change it before marking the design ready.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TrendCharts</name>
    <message>
        <source>Score breakdown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Estimated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Profitability</source>
        <translation>Rentabilität</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>Wettbewerb</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Wachstum</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Nachfrage</translation>
    </message>
    <message>
        <source>Price distribution</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Price ($)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Marketplaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reviews over time (snapshots)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
</context>
<context>
    <name>podtrends::core::PublishQueue</name>
    <message>
        <source>Publishing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1 published (%2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1 was not published: %2</source>
        <translation type="unfinished" />
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
</context>
<context>
    <name>podtrends::ui::ApiKeysWidget</name>
    <message>
        <source>Keys are stored in your system keychain and are never written to the settings file, the database or the logs. An environment variable with the name shown overrides the keychain.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>set by %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not set (or %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>keychain unavailable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>saved in the keychain</source>
        <translation type="unfinished" />
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
</context>
<context>
    <name>podtrends::ui::DashboardPage</name>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Where your research stands and what to do next.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Products collected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Trends found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Designs</source>
        <translation>Designs</translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a &amp;source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Analyze</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Generate designs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Top opportunities</source>
        <translation type="unfinished" />
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
        <source>Overall</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Last scrape per marketplace</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recent jobs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; add a source (a Shopify store, Etsy or Amazon keywords) or drop saved pages on the window to collect listings.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Next step:&lt;/b&gt; analyze the %n collected product(s) to find niches.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; generate designs for the best niche, &lt;i&gt;%1&lt;/i&gt; (overall %2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; review your designs and publish the best ones, or analyze again after the next scrape.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overall score</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No scrape yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 trends from %2 products</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a database file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;PostgreSQL server (shared by a team)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::DesignGalleryDelegate</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>#%1 · %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::DesignListModel</name>
    <message>
        <source>Design %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1
Status: %2 · style: %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::DesignPreview</name>
    <message>
        <source>Show:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select a design to see its prompt and print specifications.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No design selected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Slogan: %1
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Style: %1 · palette: %2 · provider: %3 · seed: %4
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⚠ %1
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>
Concept: %1

Prompt: %2

Negative prompt: %3

Print files:
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>  %1 %2: %3×%4 px, %5 DPI, %6×%7 in, %8
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>checks passed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CHECKS FAILED</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Trend:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> variants</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Built-in renderer (offline)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Generate designs</source>
        <translation>Designs erzeugen</translation>
    </message>
    <message>
        <source>Generate new variants for the trend chosen on the left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit slogan…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mark ready</source>
        <translation>Als fertig markieren</translation>
    </message>
    <message>
        <source>Export files…</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot load designs: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All trends</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (score %2)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Generating %n variant(s)…</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Design %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Generation cancelled; %n design(s) kept.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n design(s) generated.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking the design…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Regenerating the variant…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit slogan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Slogan (one line per printed line):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re-rendering with the new slogan…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export print files and mockups to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete design</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete design %1 and its files?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::JobsModel</name>
    <message>
        <source>running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Machine</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Process</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::JobsPanel</name>
    <message>
        <source>No jobs yet.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n machine(s) busy</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Cannot read the jobs: %1</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>No database: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PostgreSQL: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SQLite: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database in use. Change it under Settings.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::OpportunityChart</name>
    <message>
        <source>Opportunity map: demand vs competition (size = profitability)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demand →</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Competition ↑</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Profitability under 40</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>40 to 70</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>70 and more</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — overall %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Selected</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::ProductDetailsPane</name>
    <message>
        <source>Select a product to see its details, history and raw data.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Raw JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This product no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>No product page address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Marketplace:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>External id:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shop / brand:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Category:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Price:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rating:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reviews:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Favorites:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rank:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sponsored:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tags:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keywords:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First seen:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last seen:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Trend:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Snapshots:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(no raw record stored)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No history yet: every scrape or import adds a point.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One observation so far: the next scrape adds a second point.</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(removed)</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Loading products failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Search titles, tags and shops (Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All marketplaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lowest price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Highest price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lowest rating</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Highest rating</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear the search and all filters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading products…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>1 product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 match the search and filters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 collected from Amazon, Etsy and Shopify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h3&gt;No database is open&lt;/h3&gt;&lt;p&gt;Choose one under Settings.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h3&gt;No products match&lt;/h3&gt;&lt;p&gt;Try fewer words or wider price and rating ranges, or press Reset.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h3&gt;No products yet&lt;/h3&gt;&lt;p&gt;Add a Shopify store or a search on the &lt;b&gt;Sources&lt;/b&gt; page and press &lt;b&gt;Scrape now&lt;/b&gt;, or drop saved search pages, &lt;i&gt;products.json&lt;/i&gt; files or an Etsy CSV export on this window.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The export was cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exported %1 products to %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::PublishDialog</name>
    <message>
        <source>Publish design</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Publish design %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading the design and Printful's catalog…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful product (fulfilment)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify draft product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Product:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Publish to:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Colours:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sizes:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Prices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful cost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retail price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Margin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Margin %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cost is Printful's base price (the highest of the chosen colours). Edit a retail price to override the rule from Settings → Publishing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What will be sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel publishing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancelling after the current request… finished steps stay saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Publish “%1”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This design is already published.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>An earlier attempt stopped%1. Resuming continues with the same products, SKUs and prices and creates nothing twice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> at “%1”: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose what to offer, check the prices and the preview, then publish. Shopify products are created as drafts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading Printful's catalog…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful's catalog is not loaded, so variant ids and costs are unknown.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Publishing… each step is saved as it finishes, so closing or a failure loses nothing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Published. The Shopify product is a draft: review it and make it active when you are ready.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Publishing stopped: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;a href="%1"&gt;Open the Printful product&lt;/a&gt; (id %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;a href="%1"&gt;Open the Shopify draft&lt;/a&gt; (%2)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::PublishStepsWidget</name>
    <message>
        <source>working…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not needed for the chosen targets</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>done earlier</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::PublishingSettingsWidget</name>
    <message>
        <source>Stores</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>my-store.myshopify.com (or POD_SHOPIFY_SHOP)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>only for Dev Dashboard apps (client credentials); the secret goes to Accounts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the brand shown as vendor on Shopify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>needed for account-level Printful tokens (or POD_PRINTFUL_STORE_ID)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify shop:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Admin API version:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify client id:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Vendor:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful store id:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful downloads print files by URL. POD Trends uploads each print file to your Shopify Files (the app needs the write_products and write_files scopes) and gives Printful that CDN address. Tokens are kept in the keychain: see Accounts &amp;&amp; keys.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Products and prices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printful catalog id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Price from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Markup %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Round to .99</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fixed price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Per-size prices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cost + markup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>fixed price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Per-size prices override the fixed price, e.g. “2XL=27.99, 3XL=29.99”. The publish dialog shows the margin of every size before anything is sent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save publishing settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The fixed price of %1 is not an amount like 24.99.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The per-size prices of %1 should look like “2XL=27.99, 3XL=29.99”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::RestApiSettings</name>
    <message>
        <source>Local REST API</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other tools can read trends, products and designs and start design generation over HTTP at &lt;code&gt;/api/v1/…&lt;/code&gt;, with an API key from the list below.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Run the REST API while POD Trends is open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This computer only (127.0.0.1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every network (0.0.0.0, plain HTTP)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> requests/s per key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. http://localhost:3000 (empty: no browser access)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Allowed &amp;origins (CORS):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not running.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>API keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send a key as &lt;code&gt;Authorization: Bearer &amp;lt;key&amp;gt;&lt;/code&gt;. Keys are stored hashed: a new key is shown only once, right after you create it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key starts with</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name of the tool that will use the key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Create key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;voke selected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Waiting for a database.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Serving at http://%1:%2/api/v1/</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not running: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>revoked %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give the key a name first, e.g. the tool that will use it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy the key now: it is not stored and will not be shown again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was revoked; tools using it are refused from now on.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::ScoringSettings</name>
    <message>
        <source>Overall score weights</source>
        <translation type="unfinished" />
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
        <source>Low competition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Profitability</source>
        <translation>Rentabilität</translation>
    </message>
    <message>
        <source>Seed defaults (0.25 each)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Marketplace fee</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fixed fee per sale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Base cost per product (empty = not configured)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Product type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Base cost ($)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fill typical costs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No base costs: profitability uses the seed's estimate min(100, avg_price/50×50 + avg_rating×10).</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Profitability is measured from the margin (price − base cost − fees) for %n product type(s); the next analysis uses it.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
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
        <source>Accounts &amp;&amp; keys</source>
        <translation>Konten &amp;&amp; Schlüssel</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>REST API</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scoring</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working offline on the SQLite file &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::SourceDialog</name>
    <message>
        <source>Add source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shopify store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Etsy search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amazon search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Marketplace:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Optional, e.g. "Competitor: Cat mugs"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How often the app collects this source while it is open (it catches up after a restart)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scrape &amp;every:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Upper bound on result pages per run; Default lets the marketplace's scraper decide</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Max &amp;pages:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scrape on schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test Etsy API key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Store &amp;URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>https://store.example.com</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. funny cat mug</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the store's address, e.g. https://store.example.com.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" is not a store address: use https://store-name.com (plain http only for this computer).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the search keywords, e.g. funny cat mug.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keywords are limited to %1 characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter search keywords here, not an address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a marketplace.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scrape at most every 15 minutes.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::SourceMarketplaceModel</name>
    <message>
        <source>never</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next scrape</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::SourceTableModel</name>
    <message>
        <source>manual only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every %1 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every %1 hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every %1 minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not run yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>due now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Store or search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a Shopify store or an Etsy/Amazon search (Ctrl+N)</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter sources (Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h3&gt;No sources yet&lt;/h3&gt;&lt;p&gt;Add a Shopify store or a search on Etsy or Amazon, and the app collects its products every few hours.&lt;br&gt;You can also drop saved pages or &lt;i&gt;products.json&lt;/i&gt; files on this window.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a Shopify store or a search…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Marketplaces&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Jobs&lt;/b&gt; — running and recent, on every machine sharing this database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter sources</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Add source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading sources failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 sources</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1, %2 need attention (hover the status for the reason)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: stores and searches to collect, and how often.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>This store or search is already a source.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Updated source %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added source %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove "%1"? The products it collected stay in the database.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — %2 products so far</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Imported %1 products from %2 files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing %1 files and folders…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a database first.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::TrendDetailView</name>
    <message>
        <source>&amp;Generate designs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create original designs for this niche on the Designs page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Top products</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pick a row in the table or a point on the opportunity map to see why it ranks where it does.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>all categories</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Insights</source>
        <translation type="unfinished" />
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
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>measured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>estimated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Audience evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>products mentioning it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Occasions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hobbies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Gender cues</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Age cues</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Price band:&lt;/b&gt; %1 (budget %2, mid %3, premium %4)&lt;br&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Styles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Colours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Season:&lt;/b&gt; %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>evergreen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>peaks in %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>podtrends::ui::TrendTableModel</name>
    <message>
        <source>Evergreen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2)
%3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>measured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>estimated</source>
        <translation type="unfinished" />
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
        <source>Overall</source>
        <translation>Gesamt</translation>
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Avg price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Season</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Marketplaces</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Analyze now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group the collected products into niches and score them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> min score</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any season</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evergreen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seasonal</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 of %n trend(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(no category)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All marketplaces</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>