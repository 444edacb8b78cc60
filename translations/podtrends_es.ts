<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AmazonParser</name>
    <message>
        <source>The selector file is not valid</source>
        <translation>El archivo de selectores no es válido</translation>
    </message>
    <message>
        <source>The page is empty</source>
        <translation>La página está vacía</translation>
    </message>
    <message>
        <source>Amazon answered with a robot check (captcha) page</source>
        <translation>Amazon respondió con una página de verificación antirrobots (captcha)</translation>
    </message>
    <message>
        <source>Not an Amazon product page (no ASIN or title found)</source>
        <translation>No es una página de producto de Amazon (no se encontró ASIN ni título)</translation>
    </message>
</context>
<context>
    <name>AmazonScraper</name>
    <message numerus="yes">
        <source>Amazon is throttling requests (HTTP 429); %n product(s) kept. Try again later.</source>
        <translation>
            <numerusform>Amazon está limitando las solicitudes (HTTP 429); se conservó %n producto. Vuelve a intentarlo más tarde.</numerusform>
            <numerusform>Amazon está limitando las solicitudes (HTTP 429); se conservaron %n productos. Vuelve a intentarlo más tarde.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Amazon blocked the request with a robot check (captcha); %n product(s) kept. Wait a few hours, or save the search pages from a browser and import them.</source>
        <translation>
            <numerusform>Amazon bloqueó la solicitud con una verificación antirrobots (captcha); se conservó %n producto. Espera unas horas o guarda las páginas de búsqueda desde un navegador e impórtalas.</numerusform>
            <numerusform>Amazon bloqueó la solicitud con una verificación antirrobots (captcha); se conservaron %n productos. Espera unas horas o guarda las páginas de búsqueda desde un navegador e impórtalas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon search page %1 failed</source>
        <translation>Falló la página de búsqueda %1 de Amazon</translation>
    </message>
    <message>
        <source>Amazon answered HTTP %1 for search page %2</source>
        <translation>Amazon respondió HTTP %1 a la página de búsqueda %2</translation>
    </message>
    <message>
        <source>Amazon answered %1 instead of a web page</source>
        <translation>Amazon respondió %1 en lugar de una página web</translation>
    </message>
    <message numerus="yes">
        <source>Amazon search page %1 arrived incomplete (it ends before &lt;/html&gt;); %n product(s) kept</source>
        <translation>
            <numerusform>La página de búsqueda %1 de Amazon llegó incompleta (termina antes de &lt;/html&gt;); se conservó %n producto</numerusform>
            <numerusform>La página de búsqueda %1 de Amazon llegó incompleta (termina antes de &lt;/html&gt;); se conservaron %n productos</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon search page %1 could not be read: %2</source>
        <translation>No se pudo leer la página de búsqueda %1 de Amazon: %2</translation>
    </message>
    <message numerus="yes">
        <source>Amazon &quot;%1&quot;: page %2, %n product(s)</source>
        <translation>
            <numerusform>Amazon &quot;%1&quot;: página %2, %n producto</numerusform>
            <numerusform>Amazon &quot;%1&quot;: página %2, %n productos</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon returned a page without search results or a result count; it is probably blocking automated requests</source>
        <translation>Amazon devolvió una página sin resultados de búsqueda ni recuento de resultados; probablemente esté bloqueando las solicitudes automáticas</translation>
    </message>
    <message>
        <source>Amazon has no results for &quot;%1&quot;</source>
        <translation>Amazon no tiene resultados para &quot;%1&quot;</translation>
    </message>
    <message numerus="yes">
        <source>no Best Sellers Rank for %n product(s) whose page could not be read (%1)</source>
        <translation>
            <numerusform>sin ranking de más vendidos para %n producto cuya página no se pudo leer (%1)</numerusform>
            <numerusform>sin ranking de más vendidos para %n productos cuyas páginas no se pudieron leer (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon &quot;%1&quot;: product page %2 of %3</source>
        <translation>Amazon &quot;%1&quot;: página de producto %2 de %3</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>the page arrived incomplete</source>
        <translation>la página llegó incompleta</translation>
    </message>
</context>
<context>
    <name>Analysis</name>
    <message>
        <source>Analysis cancelled</source>
        <translation>Análisis cancelado</translation>
    </message>
    <message>
        <source>Reading products failed: %1</source>
        <translation>Error al leer los productos: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n trend(s) from %1 products</source>
        <translation>
            <numerusform>%n tendencia de %1 productos</numerusform>
            <numerusform>%n tendencias de %1 productos</numerusform>
        </translation>
    </message>
    <message>
        <source>No opportunity score: nothing here measures demand yet.</source>
        <translation>Sin puntuación de oportunidad: aún no hay nada que mida la demanda.</translation>
    </message>
    <message>
        <source>Opportunity %1 of 100; demand %2: %3.</source>
        <translation>Oportunidad %1 de 100; demanda %2: %3.</translation>
    </message>
    <message numerus="yes">
        <source>Finding niches in %n product(s)…</source>
        <translation>
            <numerusform>Buscando nichos en %n producto…</numerusform>
            <numerusform>Buscando nichos en %n productos…</numerusform>
        </translation>
    </message>
    <message>
        <source>Finding niches…</source>
        <translation>Buscando nichos…</translation>
    </message>
    <message>
        <source>Scoring niches…</source>
        <translation>Puntuando nichos…</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n trend(s)…</source>
        <translation>
            <numerusform>Guardando %n tendencia…</numerusform>
            <numerusform>Guardando %n tendencias…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading products…</source>
        <translation>Leyendo productos…</translation>
    </message>
    <message numerus="yes">
        <source>%n trend(s) found</source>
        <translation>
            <numerusform>%n tendencia encontrada</numerusform>
            <numerusform>%n tendencias encontradas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; in %2: %n product(s) on %3, priced %4–%5 (average %6).</source>
        <translation>
            <numerusform>&quot;%1&quot; en %2: %n producto en %3, con precios de %4–%5 (promedio %6).</numerusform>
            <numerusform>&quot;%1&quot; en %2: %n productos en %3, con precios de %4–%5 (promedio %6).</numerusform>
        </translation>
    </message>
    <message>
        <source>all categories</source>
        <translation>todas las categorías</translation>
    </message>
    <message>
        <source>Low competition (%1): room for new designs.</source>
        <translation>Poca competencia (%1): hay espacio para nuevos diseños.</translation>
    </message>
    <message>
        <source>Crowded niche (competition %1): a design needs a clear angle.</source>
        <translation>Nicho saturado (competencia %1): un diseño necesita un enfoque claro.</translation>
    </message>
    <message>
        <source>Reviews and favourites grow %1% per week (measured over %2 days).</source>
        <translation>Las reseñas y favoritos crecen un %1% por semana (medido en %2 días).</translation>
    </message>
    <message>
        <source>Interest is falling: %1% per week.</source>
        <translation>El interés está cayendo: %1% por semana.</translation>
    </message>
    <message numerus="yes">
        <source>Proven demand: %1 reviews across %n listing(s).</source>
        <translation>
            <numerusform>Demanda probada: %1 reseñas en %n anuncio.</numerusform>
            <numerusform>Demanda probada: %1 reseñas en %n anuncios.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bought for %1: %2 of %3 listings say so.</source>
        <translation>Comprado para %1: lo indican %2 de %3 anuncios.</translation>
    </message>
    <message>
        <source>Occasion: %1 (%2 listings).</source>
        <translation>Ocasión: %1 (%2 anuncios).</translation>
    </message>
    <message>
        <source>Most listings use a %1 style (%2 of %3).</source>
        <translation>La mayoría de los anuncios usa un estilo %1 (%2 de %3).</translation>
    </message>
    <message>
        <source>Seasonal: peaks in %1; list designs a month or two ahead.</source>
        <translation>De temporada: picos en %1; publica los diseños con uno o dos meses de antelación.</translation>
    </message>
    <message>
        <source>Average margin %1 per sale after base cost and fees.</source>
        <translation>Margen promedio de %1 por venta tras el costo base y las comisiones.</translation>
    </message>
    <message>
        <source>Average price %1, in the %2 range; listings: %3.</source>
        <translation>Precio promedio %1, en el rango %2; anuncios: %3.</translation>
    </message>
</context>
<context>
    <name>ApiKeyStore</name>
    <message>
        <source>Give the key a name, e.g. the tool that will use it</source>
        <translation>Ponle un nombre a la clave, p. ej. la herramienta que la usará</translation>
    </message>
</context>
<context>
    <name>Audience</name>
    <message>
        <source>under $20</source>
        <translation>menos de $20</translation>
    </message>
    <message>
        <source>$20–$50</source>
        <translation>$20–$50</translation>
    </message>
    <message>
        <source>$50 or more</source>
        <translation>$50 o más</translation>
    </message>
    <message>
        <source>%1 under $20, %2 at $20–$50, %3 at $50 or more</source>
        <translation>%1 por menos de $20, %2 de $20–$50, %3 de $50 o más</translation>
    </message>
</context>
<context>
    <name>ChangeNotifier</name>
    <message>
        <source>Cannot watch the database for changes: %1</source>
        <translation>No se pueden vigilar los cambios en la base de datos: %1</translation>
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
        <translation>valores</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s) from %2 to %3</source>
        <translation>
            <numerusform>%1: %n punto de %2 a %3</numerusform>
            <numerusform>%1: %n puntos de %2 a %3</numerusform>
        </translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>aún sin datos</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>print the run&apos;s figures as JSON</source>
        <translation>muestra las cifras de la ejecución en JSON</translation>
    </message>
    <message>
        <source>worker threads (default: one per core; at most four per core, or 8)</source>
        <translation>hilos de trabajo (por defecto: uno por núcleo; como máximo cuatro por núcleo, u 8)</translation>
    </message>
    <message>
        <source>products a niche needs (default 3)</source>
        <translation>productos que necesita un nicho (por defecto 3)</translation>
    </message>
    <message>
        <source>--%1 takes a whole number of 1 or more</source>
        <translation>--%1 admite un número entero de 1 o más</translation>
    </message>
    <message>
        <source>Analysed %1 products: %2 trends (%3 new, %4 updated, %5 removed); %6 products belong to a trend.</source>
        <translation>Analizados %1 productos: %2 tendencias (%3 nuevas, %4 actualizadas, %5 eliminadas); %6 productos pertenecen a una tendencia.</translation>
    </message>
    <message>
        <source>Time: read %1 ms, compute %2 ms, write %3 ms.</source>
        <translation>Tiempo: lectura %1 ms, cálculo %2 ms, escritura %3 ms.</translation>
    </message>
    <message>
        <source>No niche has %1 or more products yet: collect more listings and run analyze again.</source>
        <translation>Ningún nicho tiene aún %1 o más productos: recopila más anuncios y vuelve a ejecutar analyze.</translation>
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
        <translation>Uso: podtrends [--db PATH|postgres://user:pass@host:port/db] [--log-json FILE] COMMAND [opciones]
     podtrends [--db …]            abre la ventana

Opciones globales:
  --db SPEC          ruta de archivo SQLite o URL de PostgreSQL (por defecto: podtrends.sqlite en la carpeta de datos)
  --log-json FILE    añade líneas de registro JSON estructuradas a FILE
  -h, --help         muestra esta ayuda
  -v, --version      muestra la versión

Comandos:
</translation>
    </message>
    <message>
        <source>
Exit codes: 0 success, 1 failure, 2 bad usage or input. Run &quot;podtrends COMMAND --help&quot; for a command&apos;s options.
</source>
        <translation>
Códigos de salida: 0 éxito, 1 fallo, 2 uso o entrada incorrectos. Ejecuta &quot;podtrends COMMAND --help&quot; para ver las opciones de un comando.
</translation>
    </message>
    <message>
        <source>collect listings from a marketplace into the database</source>
        <translation>recopila anuncios de un marketplace en la base de datos</translation>
    </message>
    <message>
        <source>import saved Amazon pages, products.json, Etsy API JSON or CSV exports</source>
        <translation>importa páginas de Amazon guardadas, products.json, JSON de la API de Etsy o exportaciones CSV</translation>
    </message>
    <message>
        <source>find and score niches from the stored products</source>
        <translation>busca y puntúa nichos a partir de los productos guardados</translation>
    </message>
    <message>
        <source>list trends, best opportunity first</source>
        <translation>lista las tendencias, primero la mejor oportunidad</translation>
    </message>
    <message>
        <source>list stored products</source>
        <translation>lista los productos guardados</translation>
    </message>
    <message>
        <source>generate designs for a trend</source>
        <translation>genera diseños para una tendencia</translation>
    </message>
    <message>
        <source>list designs</source>
        <translation>lista los diseños</translation>
    </message>
    <message>
        <source>publish a design to Printful and Shopify</source>
        <translation>publica un diseño en Printful y Shopify</translation>
    </message>
    <message>
        <source>the marketplaces and sources with their status</source>
        <translation>los marketplaces y fuentes con su estado</translation>
    </message>
    <message>
        <source>run scheduled jobs from the shared database</source>
        <translation>ejecuta las tareas programadas de la base de datos compartida</translation>
    </message>
    <message>
        <source>serve the local REST API (/api/v1/…)</source>
        <translation>sirve la API REST local (/api/v1/…)</translation>
    </message>
    <message>
        <source>Usage: podtrends %1</source>
        <translation>Uso: podtrends %1</translation>
    </message>
    <message>
        <source>Option %1 needs a value</source>
        <translation>La opción %1 necesita un valor</translation>
    </message>
    <message>
        <source>Unknown option: %1</source>
        <translation>Opción desconocida: %1</translation>
    </message>
    <message>
        <source>Unknown command: %1</source>
        <translation>Comando desconocido: %1</translation>
    </message>
    <message>
        <source>Cannot write the log file %1: %2</source>
        <translation>No se puede escribir el archivo de registro %1: %2</translation>
    </message>
    <message>
        <source>the trend to design for</source>
        <translation>la tendencia para la que diseñar</translation>
    </message>
    <message>
        <source>how many variants (default 3)</source>
        <translation>cuántas variantes (por defecto 3)</translation>
    </message>
    <message>
        <source>builtin (offline, default) or openai</source>
        <translation>builtin (sin conexión, por defecto) u openai</translation>
    </message>
    <message>
        <source>seed for a reproducible result</source>
        <translation>semilla para obtener un resultado reproducible</translation>
    </message>
    <message>
        <source>folder for the files (default: designs/ in the data folder)</source>
        <translation>carpeta para los archivos (por defecto: designs/ en la carpeta de datos)</translation>
    </message>
    <message>
        <source>print the stored designs as JSON</source>
        <translation>muestra los diseños guardados en JSON</translation>
    </message>
    <message>
        <source>generate takes one trend id (see &quot;podtrends trends&quot;)</source>
        <translation>generate admite un id de tendencia (consulta &quot;podtrends trends&quot;)</translation>
    </message>
    <message>
        <source>--variants takes a whole number from 1 to 12</source>
        <translation>--variants admite un número entero de 1 a 12</translation>
    </message>
    <message>
        <source>--provider is builtin or openai</source>
        <translation>--provider es builtin u openai</translation>
    </message>
    <message>
        <source>--seed takes a whole number from 0 to 4294967295</source>
        <translation>--seed admite un número entero de 0 a 4294967295</translation>
    </message>
    <message>
        <source>Design %1: %2</source>
        <translation>Diseño %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n design(s) generated</source>
        <translation>
            <numerusform>%n diseño generado</numerusform>
            <numerusform>%n diseños generados</numerusform>
        </translation>
    </message>
    <message>
        <source>--limit takes a whole number of 0 or more</source>
        <translation>--limit admite un número entero de 0 o más</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>muestra en JSON</translation>
    </message>
    <message>
        <source>only this marketplace</source>
        <translation>solo este marketplace</translation>
    </message>
    <message>
        <source>words in title, tags or vendor</source>
        <translation>palabras del título, las etiquetas o el proveedor</translation>
    </message>
    <message>
        <source>only this category</source>
        <translation>solo esta categoría</translation>
    </message>
    <message>
        <source>at most N products</source>
        <translation>como máximo N productos</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n producto</numerusform>
            <numerusform>%n productos</numerusform>
        </translation>
    </message>
    <message>
        <source>marketplace %1: %2, last scraped %3%4
</source>
        <translation>marketplace %1: %2, última recopilación %3%4
</translation>
    </message>
    <message>
        <source>at most N trends</source>
        <translation>como máximo N tendencias</translation>
    </message>
    <message>
        <source>only trends scoring at least S overall</source>
        <translation>solo tendencias con una puntuación general de al menos S</translation>
    </message>
    <message>
        <source>opportunity (default) or overall (the seed&apos;s score)</source>
        <translation>opportunity (por defecto) u overall (la puntuación de la semilla)</translation>
    </message>
    <message>
        <source>--sort takes opportunity or overall, not &quot;%1&quot;</source>
        <translation>--sort admite opportunity u overall, no &quot;%1&quot;</translation>
    </message>
    <message numerus="yes">
        <source>%n trend(s)</source>
        <translation>
            <numerusform>%n tendencia</numerusform>
            <numerusform>%n tendencias</numerusform>
        </translation>
    </message>
    <message>
        <source>only designs of this trend</source>
        <translation>solo diseños de esta tendencia</translation>
    </message>
    <message>
        <source>draft, ready or published</source>
        <translation>draft, ready o published</translation>
    </message>
    <message>
        <source>--status takes draft, ready or published</source>
        <translation>--status admite draft, ready o published</translation>
    </message>
    <message numerus="yes">
        <source>%n design(s)</source>
        <translation>
            <numerusform>%n diseño</numerusform>
            <numerusform>%n diseños</numerusform>
        </translation>
    </message>
    <message>
        <source>the design to publish</source>
        <translation>el diseño a publicar</translation>
    </message>
    <message>
        <source>create the Printful product (with --shopify: both; neither: both)</source>
        <translation>crea el producto en Printful (con --shopify: ambos; sin ninguno: ambos)</translation>
    </message>
    <message>
        <source>create the Shopify draft product</source>
        <translation>crea el producto borrador en Shopify</translation>
    </message>
    <message>
        <source>colours to offer, comma-separated (default Black,White)</source>
        <translation>colores a ofrecer, separados por comas (por defecto Black,White)</translation>
    </message>
    <message>
        <source>sizes to offer, comma-separated (default S,M,L,XL,2XL)</source>
        <translation>tallas a ofrecer, separadas por comas (por defecto S,M,L,XL,2XL)</translation>
    </message>
    <message>
        <source>Usage: podtrends publish DESIGN_ID [--printful] [--shopify]</source>
        <translation>Uso: podtrends publish DESIGN_ID [--printful] [--shopify]</translation>
    </message>
    <message>
        <source>DESIGN_ID must be a positive number, not &quot;%1&quot;.</source>
        <translation>DESIGN_ID debe ser un número positivo, no &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation>No existe el diseño %1.</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>waiting:</source>
        <translation>en espera:</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>failed:</source>
        <translation>error:</translation>
    </message>
    <message>
        <source>Imported %1 product(s) from %2 file(s): %3 new, %4 updated; %5 file(s) skipped</source>
        <translation>Importados %1 producto(s) de %2 archivo(s): %3 nuevo(s), %4 actualizado(s); %5 archivo(s) omitido(s)</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: %3 product(s) from %4 page(s): %5 new, %6 updated</source>
        <translation>%1 &quot;%2&quot;: %3 producto(s) de %4 página(s): %5 nuevo(s), %6 actualizado(s)</translation>
    </message>
    <message>
        <source>Marketplace results for the query: %1</source>
        <translation>Resultados del marketplace para la consulta: %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <source>The run ended with status %1</source>
        <translation>La ejecución terminó con el estado %1</translation>
    </message>
    <message>
        <source>--%1 takes a whole number greater than 0</source>
        <translation>--%1 admite un número entero mayor que 0</translation>
    </message>
    <message>
        <source>shopify, etsy or amazon</source>
        <translation>shopify, etsy o amazon</translation>
    </message>
    <message>
        <source>the store URL (shopify) or the search keywords</source>
        <translation>la URL de la tienda (shopify) o las palabras clave de búsqueda</translation>
    </message>
    <message>
        <source>shopify: at most N pages of 250 products</source>
        <translation>shopify: como máximo N páginas de 250 productos</translation>
    </message>
    <message>
        <source>etsy: at most N listings (default 1000, at most 12,100)</source>
        <translation>etsy: como máximo N anuncios (por defecto 1000, máximo 12.100)</translation>
    </message>
    <message>
        <source>amazon: search result pages (default 3)</source>
        <translation>amazon: páginas de resultados de búsqueda (por defecto 3)</translation>
    </message>
    <message>
        <source>amazon: also read the first N results&apos; product pages for their Best Sellers Rank</source>
        <translation>amazon: lee también las páginas de producto de los primeros N resultados para obtener su ranking de más vendidos</translation>
    </message>
    <message>
        <source>print the run summary as JSON</source>
        <translation>muestra el resumen de la ejecución en JSON</translation>
    </message>
    <message>
        <source>no progress lines on stderr</source>
        <translation>sin líneas de progreso en stderr</translation>
    </message>
    <message>
        <source>Usage: podtrends scrape shopify STORE_URL | etsy KEYWORDS | amazon KEYWORDS</source>
        <translation>Uso: podtrends scrape shopify STORE_URL | etsy KEYWORDS | amazon KEYWORDS</translation>
    </message>
    <message>
        <source>Unknown marketplace &quot;%1&quot; (use shopify, etsy or amazon)</source>
        <translation>Marketplace desconocido &quot;%1&quot; (usa shopify, etsy o amazon)</translation>
    </message>
    <message>
        <source>--product-pages takes a whole number of 0 or more</source>
        <translation>--product-pages admite un número entero de 0 o más</translation>
    </message>
    <message>
        <source>files or folders (imported recursively)</source>
        <translation>archivos o carpetas (se importan de forma recursiva)</translation>
    </message>
    <message>
        <source>Usage: podtrends import FILE_OR_DIR...</source>
        <translation>Uso: podtrends import FILE_OR_DIR...</translation>
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation>No existe el archivo o la carpeta: %1</translation>
    </message>
    <message>
        <source>Jobs to run at once (default 1).</source>
        <translation>Tareas que ejecutar a la vez (por defecto 1).</translation>
    </message>
    <message>
        <source>Comma-separated job kinds to take (default: all this program knows).</source>
        <translation>Tipos de tarea que aceptar, separados por comas (por defecto: todos los que conoce este programa).</translation>
    </message>
    <message>
        <source>How long a job stays ours without a heartbeat (default 60).</source>
        <translation>Cuánto tiempo conserva este worker una tarea sin señal de vida (por defecto 60).</translation>
    </message>
    <message>
        <source>How often an idle worker looks for due jobs (default 1000).</source>
        <translation>Cada cuánto busca tareas pendientes un worker inactivo (por defecto 1000).</translation>
    </message>
    <message>
        <source>Do not queue scrapes of due sources (another worker or the app does).</source>
        <translation>No poner en cola recopilaciones de fuentes pendientes (lo hace otro worker o la app).</translation>
    </message>
    <message>
        <source>--concurrency needs a number from 1 to 64</source>
        <translation>--concurrency necesita un número de 1 a 64</translation>
    </message>
    <message>
        <source>--lease-seconds needs a positive number</source>
        <translation>--lease-seconds necesita un número positivo</translation>
    </message>
    <message>
        <source>--poll-ms needs a positive number</source>
        <translation>--poll-ms necesita un número positivo</translation>
    </message>
    <message>
        <source>Unknown job kind: %1 (known: %2)</source>
        <translation>Tipo de tarea desconocido: %1 (conocidos: %2)</translation>
    </message>
    <message>
        <source>This program has no job handlers to run</source>
        <translation>Este programa no tiene gestores de tareas que ejecutar</translation>
    </message>
    <message>
        <source>TCP port (default 8000; 0 picks a free one).</source>
        <translation>Puerto TCP (por defecto 8000; 0 elige uno libre).</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1, this machine only).</source>
        <translation>Dirección en la que escuchar (por defecto 127.0.0.1, solo este equipo).</translation>
    </message>
    <message>
        <source>Requests per second per client (default 20; 0 turns limiting off).</source>
        <translation>Solicitudes por segundo y cliente (por defecto 20; 0 desactiva el límite).</translation>
    </message>
    <message>
        <source>Requests a client may send at once (default 40).</source>
        <translation>Solicitudes que un cliente puede enviar a la vez (por defecto 40).</translation>
    </message>
    <message>
        <source>Comma-separated browser origins allowed to call the API, or *.</source>
        <translation>Orígenes de navegador autorizados a llamar a la API, separados por comas, o *.</translation>
    </message>
    <message>
        <source>Create an API key with this name, print it once and exit.</source>
        <translation>Crea una clave de API con este nombre, la muestra una vez y sale.</translation>
    </message>
    <message>
        <source>Revoke the API key with this id and exit.</source>
        <translation>Revoca la clave de API con este id y sale.</translation>
    </message>
    <message>
        <source>List the API keys (never the keys themselves) and exit.</source>
        <translation>Lista las claves de API (nunca las claves en sí) y sale.</translation>
    </message>
    <message>
        <source>API key %1 (id %2) created; it is shown only this once.</source>
        <translation>Clave de API %1 (id %2) creada; solo se muestra esta vez.</translation>
    </message>
    <message>
        <source>--revoke-key needs a key id (see --list-keys)</source>
        <translation>--revoke-key necesita un id de clave (consulta --list-keys)</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>revocada</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535</source>
        <translation>--port necesita un número de 0 a 65535</translation>
    </message>
    <message>
        <source>--bind needs an IP address such as 127.0.0.1</source>
        <translation>--bind necesita una dirección IP como 127.0.0.1</translation>
    </message>
    <message>
        <source>--rate-limit needs a number of requests per second (0 turns it off)</source>
        <translation>--rate-limit necesita un número de solicitudes por segundo (0 lo desactiva)</translation>
    </message>
    <message>
        <source>--burst needs a positive number</source>
        <translation>--burst necesita un número positivo</translation>
    </message>
    <message>
        <source>--min-score takes a number, such as 60, not &quot;%1&quot;</source>
        <translation>--min-score necesita un número, como 60, no «%1»</translation>
    </message>
    <message>
        <source>--trend takes a trend&apos;s id (see &quot;podtrends trends&quot;), not &quot;%1&quot;</source>
        <translation>--trend necesita el id de una tendencia (mira «podtrends trends»), no «%1»</translation>
    </message>
    <message>
        <source>No API key has the id %1 (see --list-keys)</source>
        <translation>Ninguna clave de API tiene el id %1 (mira --list-keys)</translation>
    </message>
    <message>
        <source>product type: tshirt, hoodie, longsleeve, mug, poster or tote (default tshirt)</source>
        <translation>tipo de producto: tshirt, hoodie, longsleeve, mug, poster o tote (por defecto tshirt)</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a SQLite database; it was left untouched</source>
        <translation>%1 no es una base de datos SQLite; no se ha modificado</translation>
    </message>
    <message>
        <source>PostgreSQL at %1 refused the user name or password</source>
        <translation>PostgreSQL en %1 rechazó el usuario o la contraseña</translation>
    </message>
    <message>
        <source>PostgreSQL at %1: %2</source>
        <translation>PostgreSQL en %1: %2</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: %2</source>
        <translation>No se puede conectar a PostgreSQL en %1: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the schema version: %1</source>
        <translation>No se puede leer la versión del esquema: %1</translation>
    </message>
    <message>
        <source>No database file given</source>
        <translation>No se indicó ningún archivo de base de datos</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file</source>
        <translation>%1 es una carpeta, no un archivo de base de datos</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>The folder of %1 is not writable</source>
        <translation>No se puede escribir en la carpeta de %1</translation>
    </message>
    <message>
        <source>The database was written by a newer version of POD Trends (schema %1, this program knows %2)</source>
        <translation>La base de datos la escribió una versión más reciente de POD Trends (esquema %1; este programa conoce el %2)</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of POD Trends (schema %2, this program knows up to %3); it was left untouched</source>
        <translation>La base de datos %1 la escribió una versión más reciente de POD Trends (esquema %2; este programa conoce hasta el %3); no se ha modificado</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3</source>
        <translation>Falló la migración %1 (%2): %3</translation>
    </message>
    <message>
        <source>No transaction is active</source>
        <translation>No hay ninguna transacción activa</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>Error al guardar: %1</translation>
    </message>
    <message>
        <source>the disk is full; nothing was saved</source>
        <translation>el disco está lleno; no se guardó nada</translation>
    </message>
    <message>
        <source>the check gave no answer</source>
        <translation>la comprobación no dio respuesta</translation>
    </message>
    <message>
        <source>%1 is damaged (%2); it was left untouched</source>
        <translation>%1 está dañado (%2); no se ha modificado</translation>
    </message>
    <message>
        <source>the disk or folder is mounted read-only</source>
        <translation>el disco o la carpeta está montado como solo lectura</translation>
    </message>
    <message>
        <source>no permission to write there</source>
        <translation>no hay permiso para escribir ahí</translation>
    </message>
    <message>
        <source>%1 is in a read-only location (%2). POD Trends writes to the file and beside it, so it was left untouched; copy it to a folder you can write to and open the copy</source>
        <translation>%1 está en una ubicación de solo lectura (%2). POD Trends escribe en el archivo y junto a él, así que no se ha modificado; cópialo a una carpeta en la que puedas escribir y abre la copia</translation>
    </message>
    <message>
        <source>%1 cannot be created: its folder is read-only (%2)</source>
        <translation>%1 no se puede crear: su carpeta es de solo lectura (%2)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is another program&apos;s SQLite database (its tables: %2); it was left untouched. Choose a new file or one POD Trends created</source>
        <translation>%1 es una base de datos SQLite de otro programa (sus tablas: %2); no se ha modificado. Elige un archivo nuevo o uno creado por POD Trends</translation>
    </message>
    <message>
        <source>POD Trends is closing</source>
        <translation>POD Trends se está cerrando</translation>
    </message>
    <message>
        <source>%1 is damaged (%2). Close POD Trends and make a copy of the file before anything else writes to it.</source>
        <translation>%1 está dañado (%2). Cierra POD Trends y haz una copia del archivo antes de que se escriba nada más en él.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: expected postgres://user:password@host:port/dbname</source>
        <translation>URL de PostgreSQL mal formada: se esperaba postgres://user:password@host:port/dbname</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: the database name is missing (postgres://user:password@host:port/dbname)</source>
        <translation>URL de PostgreSQL mal formada: falta el nombre de la base de datos (postgres://user:password@host:port/dbname)</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: invalid port</source>
        <translation>URL de PostgreSQL mal formada: puerto no válido</translation>
    </message>
    <message>
        <source>Unsupported database URL &quot;%1&quot;: use a file path or postgres://…</source>
        <translation>URL de base de datos no admitida &quot;%1&quot;: usa una ruta de archivo o postgres://…</translation>
    </message>
    <message>
        <source>Writing the CSV file failed: %1</source>
        <translation>Error al escribir el archivo CSV: %1</translation>
    </message>
    <message>
        <source>The export was cancelled</source>
        <translation>Se canceló la exportación</translation>
    </message>
    <message>
        <source>Searching needs SQLite&apos;s full-text search (FTS5), which this SQLite lacks</source>
        <translation>La búsqueda necesita la búsqueda de texto completo de SQLite (FTS5), que este SQLite no incluye</translation>
    </message>
    <message>
        <source>A filter value could not be passed to SQLite</source>
        <translation>No se pudo pasar un valor de filtro a SQLite</translation>
    </message>
    <message>
        <source>The SQLite driver gave no database handle</source>
        <translation>El controlador de SQLite no devolvió ningún identificador de base de datos</translation>
    </message>
    <message>
        <source>Reading products failed: %1</source>
        <translation>Error al leer los productos: %1</translation>
    </message>
    <message>
        <source>The database is not open</source>
        <translation>La base de datos no está abierta</translation>
    </message>
    <message>
        <source>A product without marketplace or external id cannot be stored (&quot;%1&quot;)</source>
        <translation>No se puede guardar un producto sin marketplace o id externo (&quot;%1&quot;)</translation>
    </message>
    <message>
        <source>Saving products failed: %1</source>
        <translation>Error al guardar los productos: %1</translation>
    </message>
    <message>
        <source>Saving snapshots failed: %1</source>
        <translation>Error al guardar las instantáneas: %1</translation>
    </message>
    <message>
        <source>Assigning products to trends failed: %1</source>
        <translation>Error al asignar productos a tendencias: %1</translation>
    </message>
    <message>
        <source>Saving trends failed: %1</source>
        <translation>Error al guardar las tendencias: %1</translation>
    </message>
    <message>
        <source>Removing old trends failed: %1</source>
        <translation>Error al eliminar las tendencias antiguas: %1</translation>
    </message>
    <message>
        <source>The database %1 cannot be updated: its recorded version does not match its tables (was it edited by hand?). It was left as it was; restore a backup or use a new database file.</source>
        <translation>La base de datos %1 no se puede actualizar: su versión registrada no coincide con sus tablas (¿la editaste a mano?). Se dejó tal como estaba; restaura una copia de seguridad o usa un archivo de base de datos nuevo.</translation>
    </message>
    <message>
        <source>A transaction is already open</source>
        <translation>Ya hay una transacción abierta</translation>
    </message>
</context>
<context>
    <name>Design</name>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>published</source>
        <translation>publicado</translation>
    </message>
</context>
<context>
    <name>DesignBrief</name>
    <message>
        <source>typographic</source>
        <translation>tipográfico</translation>
    </message>
    <message>
        <source>badge</source>
        <translation>insignia</translation>
    </message>
    <message>
        <source>retro sunset</source>
        <translation>atardecer retro</translation>
    </message>
    <message>
        <source>minimal line</source>
        <translation>línea minimalista</translation>
    </message>
    <message>
        <source>distressed</source>
        <translation>desgastado</translation>
    </message>
</context>
<context>
    <name>DesignGenerator</name>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;: use builtin or openai</source>
        <translation>Proveedor desconocido &quot;%1&quot;: usa builtin u openai</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>The number of variants must be between 1 and 12</source>
        <translation>El número de variantes debe estar entre 1 y 12</translation>
    </message>
    <message>
        <source>There is no trend with id %1</source>
        <translation>No hay ninguna tendencia con id %1</translation>
    </message>
    <message>
        <source>Variant %1: artwork</source>
        <translation>Variante %1: ilustración</translation>
    </message>
    <message>
        <source>Variant %1: print files and mockups</source>
        <translation>Variante %1: archivos de impresión y mockups</translation>
    </message>
    <message>
        <source>Variant %1: %2</source>
        <translation>Variante %1: %2</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
</context>
<context>
    <name>DesignRepository</name>
    <message>
        <source>Design %1 no longer exists.</source>
        <translation>El diseño %1 ya no existe.</translation>
    </message>
</context>
<context>
    <name>DesignService</name>
    <message>
        <source>There is no design with id %1</source>
        <translation>No hay ningún diseño con id %1</translation>
    </message>
    <message>
        <source>The print files have not passed their checks (size, DPI, transparency); regenerate the design.</source>
        <translation>Los archivos de impresión no han superado sus comprobaciones (tamaño, DPI, transparencia); vuelve a generar el diseño.</translation>
    </message>
    <message>
        <source>The print file %1 is missing; regenerate the design.</source>
        <translation>Falta el archivo de impresión %1; vuelve a generar el diseño.</translation>
    </message>
    <message>
        <source>Design %1 is already published</source>
        <translation>El diseño %1 ya está publicado</translation>
    </message>
    <message>
        <source>Design %1 cannot be marked ready: %2</source>
        <translation>El diseño %1 no se puede marcar como listo: %2</translation>
    </message>
    <message>
        <source>Design %1 is published; generate a new one instead</source>
        <translation>El diseño %1 está publicado; genera uno nuevo en su lugar</translation>
    </message>
    <message>
        <source>The slogan cannot be empty</source>
        <translation>El eslogan no puede estar vacío</translation>
    </message>
    <message>
        <source>The illustration of design %1 is missing; regenerate it</source>
        <translation>Falta la ilustración del diseño %1; vuelve a generarlo</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2</source>
        <translation>No se puede copiar %1 a %2</translation>
    </message>
</context>
<context>
    <name>EtsyScraper</name>
    <message>
        <source>The Etsy API key must be &quot;keystring:shared_secret&quot;; the shared secret is missing</source>
        <translation>La clave de API de Etsy debe ser &quot;keystring:shared_secret&quot;; falta el secreto compartido</translation>
    </message>
    <message>
        <source>Etsy search failed</source>
        <translation>Falló la búsqueda en Etsy</translation>
    </message>
    <message>
        <source>Etsy refused the API key (HTTP %1: %2); check keystring:secret in Settings</source>
        <translation>Etsy rechazó la clave de API (HTTP %1: %2); revisa keystring:secret en Ajustes</translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation>prohibido</translation>
    </message>
    <message>
        <source>Partial result: Etsy pages at most %1 listings per search</source>
        <translation>Resultado parcial: Etsy solo pagina hasta %1 anuncios por búsqueda</translation>
    </message>
    <message numerus="yes">
        <source>Etsy&apos;s rate limit was reached (HTTP 429) after %n listing(s); try again later</source>
        <translation>
            <numerusform>Se alcanzó el límite de solicitudes de Etsy (HTTP 429) tras %n anuncio; vuelve a intentarlo más tarde</numerusform>
            <numerusform>Se alcanzó el límite de solicitudes de Etsy (HTTP 429) tras %n anuncios; vuelve a intentarlo más tarde</numerusform>
        </translation>
    </message>
    <message>
        <source>Etsy answered HTTP %1%2</source>
        <translation>Etsy respondió HTTP %1%2</translation>
    </message>
    <message>
        <source>Etsy answered %1 instead of JSON</source>
        <translation>Etsy respondió %1 en lugar de JSON</translation>
    </message>
    <message numerus="yes">
        <source>Etsy&apos;s answer at offset %1 is not valid JSON (%2); %n listing(s) kept</source>
        <translation>
            <numerusform>La respuesta de Etsy en la posición %1 no es JSON válido (%2); se conservó %n anuncio</numerusform>
            <numerusform>La respuesta de Etsy en la posición %1 no es JSON válido (%2); se conservaron %n anuncios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Etsy &quot;%1&quot;: %n listing(s)</source>
        <translation>
            <numerusform>Etsy &quot;%1&quot;: %n anuncio</numerusform>
            <numerusform>Etsy &quot;%1&quot;: %n anuncios</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1 en el byte %2</translation>
    </message>
    <message>
        <source>&quot;results&quot; is not a list</source>
        <translation>&quot;results&quot; no es una lista</translation>
    </message>
    <message>
        <source>no &quot;results&quot; list</source>
        <translation>no hay ninguna lista &quot;results&quot;</translation>
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <source>Internal error: a blocking request from the network thread</source>
        <translation>Error interno: una solicitud bloqueante desde el hilo de red</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>%1 closed the connection before the answer was complete</source>
        <translation>%1 cerró la conexión antes de completar la respuesta</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 no respondió a tiempo</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 rechazó la conexión</translation>
    </message>
    <message>
        <source>The host %1 was not found</source>
        <translation>No se encontró el host %1</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed</source>
        <translation>Falló la conexión segura con %1</translation>
    </message>
    <message>
        <source>%1 sent the request round in circles (too many redirects)</source>
        <translation>%1 hizo dar vueltas a la solicitud (demasiadas redirecciones)</translation>
    </message>
    <message>
        <source>%1 redirected to an insecure address</source>
        <translation>%1 redirigió a una dirección no segura</translation>
    </message>
    <message>
        <source>The answer from %1 could not be decoded (broken compression or framing)</source>
        <translation>No se pudo decodificar la respuesta de %1 (compresión o formato dañados)</translation>
    </message>
    <message>
        <source>Network error talking to %1</source>
        <translation>Error de red al comunicarse con %1</translation>
    </message>
    <message numerus="yes">
        <source> (after %n attempt(s))</source>
        <translation>
            <numerusform> (tras %n intento)</numerusform>
            <numerusform> (tras %n intentos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the program is closing</source>
        <translation>Cancelado: el programa se está cerrando</translation>
    </message>
    <message>
        <source>%1 kept refusing the request (HTTP %2, rate limited) for %3 s</source>
        <translation>%1 siguió rechazando la solicitud (HTTP %2, límite de solicitudes) durante %3 s</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 no respondió en %2 s</translation>
    </message>
    <message>
        <source>%1 asked for a slower pace</source>
        <translation>%1 pidió un ritmo más lento</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>The answer from %1 is larger than %2 MB</source>
        <translation>La respuesta de %1 supera los %2 MB</translation>
    </message>
    <message>
        <source>No answer from %1</source>
        <translation>Sin respuesta de %1</translation>
    </message>
    <message>
        <source>%1 is rate limiting (HTTP %2)</source>
        <translation>%1 está limitando las solicitudes (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 asked to wait (HTTP %2)</source>
        <translation>%1 pidió esperar (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 respondió HTTP %2</translation>
    </message>
    <message>
        <source>%1 did not answer properly</source>
        <translation>%1 no respondió correctamente</translation>
    </message>
    <message>
        <source>Not a valid web address: %1</source>
        <translation>No es una dirección web válida: %1</translation>
    </message>
    <message>
        <source>Plain http is refused for %1; use https (plain http is only allowed to this computer)</source>
        <translation>No se permite http sin cifrar para %1; usa https (http sin cifrar solo se permite hacia este equipo)</translation>
    </message>
    <message>
        <source>Unsupported address scheme &quot;%1&quot;</source>
        <translation>Esquema de dirección no admitido &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>HttpFront</name>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation>No se puede escuchar en %1:%2: %3</translation>
    </message>
    <message>
        <source>The server is busy; try again shortly</source>
        <translation>El servidor está ocupado; vuelve a intentarlo en breve</translation>
    </message>
    <message>
        <source>Bare LF in the request head</source>
        <translation>LF suelto en la cabecera de la solicitud</translation>
    </message>
    <message>
        <source>Request target too long</source>
        <translation>Destino de la solicitud demasiado largo</translation>
    </message>
    <message>
        <source>Request header fields too large</source>
        <translation>Campos de cabecera de la solicitud demasiado grandes</translation>
    </message>
    <message>
        <source>The request body is larger than %1 bytes</source>
        <translation>El cuerpo de la solicitud supera los %1 bytes</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>Servicio no disponible</translation>
    </message>
    <message>
        <source>The request head did not arrive in time</source>
        <translation>La cabecera de la solicitud no llegó a tiempo</translation>
    </message>
    <message>
        <source>The request body did not arrive in time</source>
        <translation>El cuerpo de la solicitud no llegó a tiempo</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>the CSV file is empty</source>
        <translation>el archivo CSV está vacío</translation>
    </message>
    <message>
        <source>not an Etsy listings export (no TITLE and PRICE columns)</source>
        <translation>no es una exportación de anuncios de Etsy (faltan las columnas TITLE y PRICE)</translation>
    </message>
    <message>
        <source>not a regular file (a pipe, socket or device); only saved files are imported</source>
        <translation>no es un archivo normal (es una tubería, un socket o un dispositivo); solo se importan archivos guardados</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>no se puede abrir: %1</translation>
    </message>
    <message>
        <source>larger than 64 MB</source>
        <translation>mayor de 64 MB</translation>
    </message>
    <message>
        <source>a saved robot check (captcha) page, not search results</source>
        <translation>una página de verificación antirrobots (captcha) guardada, no resultados de búsqueda</translation>
    </message>
    <message>
        <source>no Amazon search results or product found in the page</source>
        <translation>no se encontraron resultados de búsqueda ni productos de Amazon en la página</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation>no es JSON válido (%1 en el byte %2)</translation>
    </message>
    <message>
        <source>not a products.json, Etsy API answer, saved Amazon page or Etsy CSV export</source>
        <translation>no es un products.json, una respuesta de la API de Etsy, una página de Amazon guardada ni una exportación CSV de Etsy</translation>
    </message>
    <message>
        <source>no products</source>
        <translation>sin productos</translation>
    </message>
    <message>
        <source>No importable files found (.html, .json, .csv)</source>
        <translation>No se encontraron archivos importables (.html, .json, .csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped; first: %1</source>
        <translation>
            <numerusform>%n archivo omitido: %1</numerusform>
            <numerusform>%n archivos omitidos; el primero: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>a quoted field that starts on line %1 is never closed, so the rows after it cannot be told apart</source>
        <translation>un campo entre comillas que empieza en la línea %1 nunca se cierra, así que las filas siguientes no se pueden separar</translation>
    </message>
    <message>
        <source>line %1 holds a NUL byte: save the export as UTF-8 text and import it again</source>
        <translation>la línea %1 contiene un byte NUL: guarda la exportación como texto UTF-8 e impórtala de nuevo</translation>
    </message>
    <message>
        <source>line %1 is not UTF-8 text: save the export as UTF-8 and import it again</source>
        <translation>la línea %1 no es texto UTF-8: guarda la exportación como UTF-8 e impórtala de nuevo</translation>
    </message>
    <message numerus="yes">
        <source>NUL characters were removed from %n product(s).</source>
        <translation>
            <numerusform>Se quitaron caracteres NUL de %n producto.</numerusform>
            <numerusform>Se quitaron caracteres NUL de %n productos.</numerusform>
        </translation>
    </message>
    <message>
        <source>The import stopped at %1 because the database could not store it: %2</source>
        <translation>La importación se detuvo en %1 porque la base de datos no pudo guardarlo: %2</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>no se puede leer: %1</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>scrape</source>
        <translation>recopilación</translation>
    </message>
    <message>
        <source>import</source>
        <translation>importación</translation>
    </message>
    <message>
        <source>analysis</source>
        <translation>análisis</translation>
    </message>
    <message>
        <source>design generation</source>
        <translation>generación de diseños</translation>
    </message>
    <message>
        <source>publish</source>
        <translation>publicación</translation>
    </message>
    <message>
        <source>test (no-op)</source>
        <translation>prueba (sin acción)</translation>
    </message>
    <message>
        <source>test (sleep)</source>
        <translation>prueba (espera)</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>done</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>source</source>
        <translation>fuente</translation>
    </message>
    <message>
        <source>marketplace</source>
        <translation>marketplace</translation>
    </message>
    <message>
        <source>store address or keywords</source>
        <translation>dirección de la tienda o palabras clave</translation>
    </message>
    <message>
        <source>page limit</source>
        <translation>límite de páginas</translation>
    </message>
    <message>
        <source>listing limit</source>
        <translation>límite de anuncios</translation>
    </message>
    <message>
        <source>files</source>
        <translation>archivos</translation>
    </message>
    <message>
        <source>minimum number of products</source>
        <translation>número mínimo de productos</translation>
    </message>
    <message>
        <source>trend</source>
        <translation>tendencia</translation>
    </message>
    <message>
        <source>number of variants</source>
        <translation>número de variantes</translation>
    </message>
    <message>
        <source>image generator</source>
        <translation>generador de imágenes</translation>
    </message>
    <message>
        <source>design</source>
        <translation>diseño</translation>
    </message>
    <message>
        <source>Printful choice</source>
        <translation>elección de Printful</translation>
    </message>
    <message>
        <source>Shopify choice</source>
        <translation>elección de Shopify</translation>
    </message>
    <message>
        <source>product type</source>
        <translation>tipo de producto</translation>
    </message>
    <message>
        <source>colours</source>
        <translation>colores</translation>
    </message>
    <message>
        <source>sizes</source>
        <translation>tallas</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>duración</translation>
    </message>
    <message>
        <source>record choice</source>
        <translation>elección de registro</translation>
    </message>
    <message>
        <source>The job&apos;s settings could not be read: this version of POD Trends does not know the marketplace &quot;%1&quot;.</source>
        <translation>No se pudieron leer los ajustes de la tarea: esta versión de POD Trends no conoce el marketplace «%1».</translation>
    </message>
    <message>
        <source>The job&apos;s settings could not be read: its %1 is not in a form this version of POD Trends understands.</source>
        <translation>No se pudieron leer los ajustes de la tarea: «%1» no tiene un formato que esta versión de POD Trends entienda.</translation>
    </message>
</context>
<context>
    <name>JobHandlers</name>
    <message>
        <source>Slept %1 ms</source>
        <translation>Esperó %1 ms</translation>
    </message>
    <message>
        <source>Stopped before it finished</source>
        <translation>Se detuvo antes de terminar</translation>
    </message>
    <message>
        <source>The scrape job names no source</source>
        <translation>La tarea de recopilación no indica ninguna fuente</translation>
    </message>
    <message>
        <source>Source %1 no longer exists</source>
        <translation>La fuente %1 ya no existe</translation>
    </message>
    <message>
        <source>Source %1 is being scraped already</source>
        <translation>La fuente %1 ya se está recopilando</translation>
    </message>
    <message>
        <source>The scrape ended without a result</source>
        <translation>La recopilación terminó sin resultado</translation>
    </message>
    <message>
        <source>The generate job names no trend</source>
        <translation>La tarea de generación no indica ninguna tendencia</translation>
    </message>
    <message>
        <source>No design was generated</source>
        <translation>No se generó ningún diseño</translation>
    </message>
</context>
<context>
    <name>JobLeases</name>
    <message>
        <source>It stopped before it finished: the program running it on %1 ended.</source>
        <translation>Se detuvo antes de terminar: el programa que la ejecutaba en %1 se cerró.</translation>
    </message>
    <message>
        <source>It stopped before it finished: the program running it on %1 (process %2) ended.</source>
        <translation>Se detuvo antes de terminar: el programa que la ejecutaba en %1 (proceso %2) se cerró.</translation>
    </message>
    <message>
        <source>its start</source>
        <translation>su inicio</translation>
    </message>
    <message>
        <source>the program running it</source>
        <translation>el programa que la ejecutaba</translation>
    </message>
    <message>
        <source>It stopped before it finished: no sign of life from %1 since %2.</source>
        <translation>Se detuvo antes de terminar: %1 no ha dado señales de vida desde %2.</translation>
    </message>
</context>
<context>
    <name>JobQueue</name>
    <message>
        <source>The job for %1 could not be queued</source>
        <translation>No se pudo poner en cola la tarea de %1</translation>
    </message>
    <message>
        <source>Job %1 is no longer held by this worker</source>
        <translation>Este worker ya no tiene asignada la tarea %1</translation>
    </message>
    <message>
        <source>Job %1 is no longer held by this worker; its result was dropped</source>
        <translation>Este worker ya no tiene asignada la tarea %1; se descartó su resultado</translation>
    </message>
    <message>
        <source>The worker running it stopped responding %1 times</source>
        <translation>El worker que la ejecutaba dejó de responder %1 veces</translation>
    </message>
</context>
<context>
    <name>JobRepository</name>
    <message>
        <source>The job&apos;s settings could not be read: the saved entry is damaged.</source>
        <translation>No se pudieron leer los ajustes de la tarea: la entrada guardada está dañada.</translation>
    </message>
</context>
<context>
    <name>JobWorker</name>
    <message>
        <source>No handler for jobs of kind %1</source>
        <translation>No hay ningún gestor para las tareas de tipo %1</translation>
    </message>
</context>
<context>
    <name>Mockups</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>OpenAiClient</name>
    <message>
        <source>%1 rejected the API key (HTTP %2): %3</source>
        <translation>%1 rechazó la clave de API (HTTP %2): %3</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation>%1 respondió HTTP %2: %3</translation>
    </message>
    <message>
        <source>%1 sent an answer that is not valid JSON</source>
        <translation>%1 envió una respuesta que no es JSON válido</translation>
    </message>
    <message>
        <source>The AI server address %1 is not a valid http(s) URL</source>
        <translation>La dirección del servidor de IA %1 no es una URL http(s) válida</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
</context>
<context>
    <name>OpenAiProvider</name>
    <message>
        <source>The chat answer has no message</source>
        <translation>La respuesta del chat no contiene ningún mensaje</translation>
    </message>
    <message>
        <source>The model refused the request: %1</source>
        <translation>El modelo rechazó la solicitud: %1</translation>
    </message>
    <message>
        <source>content filter</source>
        <translation>filtro de contenido</translation>
    </message>
    <message>
        <source>The model&apos;s answer is not the JSON object asked for</source>
        <translation>La respuesta del modelo no es el objeto JSON solicitado</translation>
    </message>
    <message>
        <source>The model&apos;s JSON lacks a concept or usable slogans</source>
        <translation>Al JSON del modelo le falta un concepto o eslóganes utilizables</translation>
    </message>
    <message>
        <source>The image server sent a URL instead of image data (b64_json)</source>
        <translation>El servidor de imágenes envió una URL en lugar de datos de imagen (b64_json)</translation>
    </message>
    <message>
        <source>The image server&apos;s answer has no image data</source>
        <translation>La respuesta del servidor de imágenes no contiene datos de imagen</translation>
    </message>
    <message>
        <source>The image server&apos;s data is not a usable image</source>
        <translation>Los datos del servidor de imágenes no son una imagen utilizable</translation>
    </message>
    <message>
        <source>Concept request failed: %1</source>
        <translation>Falló la solicitud del concepto: %1</translation>
    </message>
    <message>
        <source>Every slogan the model suggested names a protected brand or character</source>
        <translation>Todos los eslóganes que sugirió el modelo mencionan una marca o un personaje protegidos</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Image request failed: %1</source>
        <translation>Falló la solicitud de imagen: %1</translation>
    </message>
</context>
<context>
    <name>PngWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>PrintFiles</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a PNG file</source>
        <translation>%1 no es un archivo PNG</translation>
    </message>
    <message>
        <source>%1 has no PNG header</source>
        <translation>%1 no tiene cabecera PNG</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
</context>
<context>
    <name>PrintSpecification</name>
    <message>
        <source>the %1 print file did not pass its checks</source>
        <translation>el archivo de impresión %1 no superó sus comprobaciones</translation>
    </message>
    <message>
        <source>the %1 print file does not have the pixel size it needs</source>
        <translation>el archivo de impresión %1 no tiene el tamaño en píxeles necesario</translation>
    </message>
    <message>
        <source>the %1 print file&apos;s resolution is too low</source>
        <translation>la resolución del archivo de impresión %1 es demasiado baja</translation>
    </message>
    <message>
        <source>the %1 print file has no transparent background</source>
        <translation>el archivo de impresión %1 no tiene fondo transparente</translation>
    </message>
</context>
<context>
    <name>PrintfulClient</name>
    <message>
        <source>Printful rate limit reached: waiting %1 s before retrying</source>
        <translation>Límite de solicitudes de Printful alcanzado: esperando %1 s antes de reintentar</translation>
    </message>
    <message>
        <source>Printful rate limit: waiting %1 s</source>
        <translation>Límite de solicitudes de Printful: esperando %1 s</translation>
    </message>
    <message>
        <source>Printful did not answer properly (%1); retrying</source>
        <translation>Printful no respondió correctamente (%1); reintentando</translation>
    </message>
    <message>
        <source>Printful rejected the token (401: %1). Check the Printful token in Settings → Accounts.</source>
        <translation>Printful rechazó el token (401: %1). Revisa el token de Printful en Ajustes → Cuentas.</translation>
    </message>
    <message>
        <source>Printful refused access (403: %1). The token needs the sync_products and file_library scopes, and the store id must be right.</source>
        <translation>Printful denegó el acceso (403: %1). El token necesita los permisos sync_products y file_library, y el id de la tienda debe ser correcto.</translation>
    </message>
    <message>
        <source>Printful&apos;s rate limit is still exceeded after waiting (429: %1). Try again in a minute.</source>
        <translation>El límite de solicitudes de Printful sigue superado tras esperar (429: %1). Vuelve a intentarlo en un minuto.</translation>
    </message>
    <message>
        <source>Printful answered %1 to %2: %3</source>
        <translation>Printful respondió %1 a %2: %3</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Printful: %1</source>
        <translation>Printful: %1</translation>
    </message>
    <message>
        <source>Printful answered %1 with something that is not JSON (%2).</source>
        <translation>Printful respondió %1 con algo que no es JSON (%2).</translation>
    </message>
    <message>
        <source>Printful&apos;s catalog has no product %1 (404). Check the catalog product id in Settings → Publishing.</source>
        <translation>El catálogo de Printful no tiene el producto %1 (404). Revisa el id de producto del catálogo en Ajustes → Publicación.</translation>
    </message>
    <message>
        <source>Printful&apos;s catalog product %1 has no variants.</source>
        <translation>El producto %1 del catálogo de Printful no tiene variantes.</translation>
    </message>
    <message>
        <source>Printful accepted the file but returned no id.</source>
        <translation>Printful aceptó el archivo pero no devolvió ningún id.</translation>
    </message>
    <message>
        <source>Printful could not process the print file: %1</source>
        <translation>Printful no pudo procesar el archivo de impresión: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Printful has not finished fetching the print file after %1 s (status &quot;%2&quot;). Retry later; publishing resumes from this step.</source>
        <translation>Printful no ha terminado de obtener el archivo de impresión tras %1 s (estado &quot;%2&quot;). Vuelve a intentarlo más tarde; la publicación se reanudará desde este paso.</translation>
    </message>
    <message>
        <source>Printful created the product but returned no id.</source>
        <translation>Printful creó el producto pero no devolvió ningún id.</translation>
    </message>
</context>
<context>
    <name>ProductKind</name>
    <message>
        <source>T-shirt</source>
        <translation>camiseta</translation>
    </message>
    <message>
        <source>hoodie</source>
        <translation>sudadera con capucha</translation>
    </message>
    <message>
        <source>long-sleeve shirt</source>
        <translation>camiseta de manga larga</translation>
    </message>
    <message>
        <source>mug</source>
        <translation>taza</translation>
    </message>
    <message>
        <source>poster</source>
        <translation>póster</translation>
    </message>
    <message>
        <source>sticker</source>
        <translation>pegatina</translation>
    </message>
    <message>
        <source>tote bag</source>
        <translation>bolsa tote</translation>
    </message>
    <message>
        <source>hat</source>
        <translation>gorra</translation>
    </message>
    <message>
        <source>phone case</source>
        <translation>funda de teléfono</translation>
    </message>
    <message>
        <source>pillow</source>
        <translation>cojín</translation>
    </message>
    <message>
        <source>T-shirts</source>
        <translation>camisetas</translation>
    </message>
    <message>
        <source>hoodies</source>
        <translation>sudaderas con capucha</translation>
    </message>
    <message>
        <source>long-sleeve shirts</source>
        <translation>camisetas de manga larga</translation>
    </message>
    <message>
        <source>mugs</source>
        <translation>tazas</translation>
    </message>
    <message>
        <source>posters</source>
        <translation>pósteres</translation>
    </message>
    <message>
        <source>stickers</source>
        <translation>pegatinas</translation>
    </message>
    <message>
        <source>tote bags</source>
        <translation>bolsas tote</translation>
    </message>
    <message>
        <source>hats</source>
        <translation>gorras</translation>
    </message>
    <message>
        <source>phone cases</source>
        <translation>fundas de teléfono</translation>
    </message>
    <message>
        <source>pillows</source>
        <translation>cojines</translation>
    </message>
</context>
<context>
    <name>ProductTypes</name>
    <message>
        <source>T-shirt</source>
        <translation>Camiseta</translation>
    </message>
    <message>
        <source>Hoodie</source>
        <translation>Sudadera con capucha</translation>
    </message>
    <message>
        <source>Long-sleeve shirt</source>
        <translation>Camiseta de manga larga</translation>
    </message>
    <message>
        <source>Mug</source>
        <translation>Taza</translation>
    </message>
    <message>
        <source>Poster</source>
        <translation>Póster</translation>
    </message>
    <message>
        <source>Tote bag</source>
        <translation>Bolsa de tela</translation>
    </message>
</context>
<context>
    <name>PublishJob</name>
    <message>
        <source>The publish job names no design.</source>
        <translation>La tarea de publicación no indica ningún diseño.</translation>
    </message>
</context>
<context>
    <name>PublishPlan</name>
    <message>
        <source>Unknown product type &quot;%1&quot;.</source>
        <translation>Tipo de producto desconocido &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Design %1</source>
        <translation>Diseño %1</translation>
    </message>
    <message>
        <source>Choose Printful, Shopify or both.</source>
        <translation>Elige Printful, Shopify o ambos.</translation>
    </message>
    <message>
        <source>Choose at least one colour and one size.</source>
        <translation>Elige al menos un color y una talla.</translation>
    </message>
    <message>
        <source>Printful&apos;s %1 is not made in %2.</source>
        <translation>Printful no ofrece %1 en %2.</translation>
    </message>
    <message>
        <source>%1 variants is more than Printful&apos;s 100 per product; choose fewer colours or sizes.</source>
        <translation>%1 variantes superan el máximo de 100 por producto de Printful; elige menos colores o tallas.</translation>
    </message>
    <message>
        <source>&lt;public URL of the print file&gt;</source>
        <translation>&lt;URL pública del archivo de impresión&gt;</translation>
    </message>
    <message>
        <source>&lt;Printful file id&gt;</source>
        <translation>&lt;id de archivo de Printful&gt;</translation>
    </message>
    <message>
        <source>&lt;uploaded mockup&gt;</source>
        <translation>&lt;mockup subido&gt;</translation>
    </message>
    <message>
        <source>The costs and Printful variants of the %1 (%2) are read from Printful&apos;s catalog, which has not answered yet.</source>
        <translation>Los costes y las variantes de Printful de %1 (%2) se leen del catálogo de Printful, que aún no ha respondido.</translation>
    </message>
    <message>
        <source>The price of %1 must be more than zero.</source>
        <translation>El precio de %1 debe ser mayor que cero.</translation>
    </message>
</context>
<context>
    <name>Publisher</name>
    <message>
        <source>Check the print file</source>
        <translation>Comprobar el archivo de impresión</translation>
    </message>
    <message>
        <source>Public URL of the print file</source>
        <translation>URL pública del archivo de impresión</translation>
    </message>
    <message>
        <source>Printful file</source>
        <translation>Archivo de Printful</translation>
    </message>
    <message>
        <source>Printful product</source>
        <translation>Producto de Printful</translation>
    </message>
    <message>
        <source>Shopify draft product</source>
        <translation>Producto borrador de Shopify</translation>
    </message>
    <message>
        <source>Mark published</source>
        <translation>Marcar como publicado</translation>
    </message>
    <message>
        <source>Unknown product type &quot;%1&quot;.</source>
        <translation>Tipo de producto desconocido &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation>No existe el diseño %1.</translation>
    </message>
    <message>
        <source>done earlier</source>
        <translation>hecho antes</translation>
    </message>
    <message>
        <source>No Shopify Admin token is set. Add the shop and token in Settings (or set POD_SHOPIFY_SHOP and POD_SHOPIFY_TOKEN).</source>
        <translation>No hay ningún token de Shopify Admin configurado. Añade la tienda y el token en Ajustes (o define POD_SHOPIFY_SHOP y POD_SHOPIFY_TOKEN).</translation>
    </message>
    <message>
        <source>Printful fetches the print file by URL and POD Trends hosts it in your Shopify Files: add the Shopify shop and token in Settings.</source>
        <translation>Printful obtiene el archivo de impresión por URL y POD Trends lo aloja en los Archivos de tu Shopify: añade la tienda y el token de Shopify en Ajustes.</translation>
    </message>
    <message>
        <source>The print file is %1×%2 px; Printful&apos;s print area for %3 needs at least %4×%5 px.</source>
        <translation>El archivo de impresión mide %1×%2 px; el área de impresión de Printful para %3 necesita al menos %4×%5 px.</translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>Design %1 has no print file.</source>
        <translation>El diseño %1 no tiene archivo de impresión.</translation>
    </message>
    <message>
        <source>The print file %1 of design %2 is missing.</source>
        <translation>Falta el archivo de impresión %1 del diseño %2.</translation>
    </message>
    <message>
        <source>The print file %1 is not a readable image (%2).</source>
        <translation>El archivo de impresión %1 no es una imagen legible (%2).</translation>
    </message>
    <message>
        <source>The print file is %1×%2 px but its specification says %3×%4 px.</source>
        <translation>El archivo de impresión mide %1×%2 px, pero su especificación indica %3×%4 px.</translation>
    </message>
    <message>
        <source>Design %1 failed its print checks: %2</source>
        <translation>El diseño %1 no superó las comprobaciones de impresión: %2</translation>
    </message>
</context>
<context>
    <name>RestServer</name>
    <message>
        <source>The REST API listens on %1, reachable from other machines over plain HTTP</source>
        <translation>La API REST escucha en %1 y es accesible desde otros equipos mediante HTTP sin cifrar</translation>
    </message>
    <message>
        <source>The database is not reachable</source>
        <translation>No se puede acceder a la base de datos</translation>
    </message>
</context>
<context>
    <name>SampleWorkspace</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>The sample file %1 is missing from this build</source>
        <translation>Falta el archivo de ejemplo %1 en esta compilación</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>This build has no sample files</source>
        <translation>Esta compilación no incluye archivos de ejemplo</translation>
    </message>
    <message>
        <source>Cannot delete the sample workspace folder %1</source>
        <translation>No se puede eliminar la carpeta del espacio de ejemplo %1</translation>
    </message>
</context>
<context>
    <name>ScoreBreakdown</name>
    <message>
        <source>measured</source>
        <translation>medido</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>estimado</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <source>1 review</source>
        <translation>1 reseña</translation>
    </message>
    <message>
        <source>%1 reviews</source>
        <translation>%1 reseñas</translation>
    </message>
    <message>
        <source>%1 stars on average</source>
        <translation>media de %1 estrellas</translation>
    </message>
    <message>
        <source>no ratings</source>
        <translation>sin valoraciones</translation>
    </message>
    <message>
        <source>1 rated listing</source>
        <translation>1 anuncio valorado</translation>
    </message>
    <message>
        <source>%1 rated listings</source>
        <translation>%1 anuncios valorados</translation>
    </message>
    <message>
        <source>%1 % more a week</source>
        <translation>%1 % más por semana</translation>
    </message>
    <message>
        <source>%1 % less a week</source>
        <translation>%1 % menos por semana</translation>
    </message>
    <message>
        <source>%1 days of history</source>
        <translation>%1 días de historial</translation>
    </message>
    <message>
        <source>1 listing followed over time</source>
        <translation>1 anuncio seguido en el tiempo</translation>
    </message>
    <message>
        <source>%1 listings followed over time</source>
        <translation>%1 anuncios seguidos en el tiempo</translation>
    </message>
    <message>
        <source>%1 competing listings in the marketplace&apos;s search</source>
        <translation>%1 anuncios de la competencia en la búsqueda del marketplace</translation>
    </message>
    <message>
        <source>%1 competing listings on the scraped pages</source>
        <translation>%1 anuncios de la competencia en las páginas recopiladas</translation>
    </message>
    <message>
        <source>1 listing seen</source>
        <translation>1 anuncio visto</translation>
    </message>
    <message>
        <source>%1 listings seen</source>
        <translation>%1 anuncios vistos</translation>
    </message>
    <message>
        <source>$%1 margin per sale on average</source>
        <translation>$%1 de margen medio por venta</translation>
    </message>
    <message>
        <source>$%1 average price</source>
        <translation>$%1 de precio medio</translation>
    </message>
    <message>
        <source>1 listing with a known base cost</source>
        <translation>1 anuncio con coste base conocido</translation>
    </message>
    <message>
        <source>%1 listings with a known base cost</source>
        <translation>%1 anuncios con coste base conocido</translation>
    </message>
    <message>
        <source>demand counts %1 %</source>
        <translation>la demanda pesa un %1 %</translation>
    </message>
    <message>
        <source>growth counts %1 %</source>
        <translation>el crecimiento pesa un %1 %</translation>
    </message>
    <message>
        <source>low competition counts %1 %</source>
        <translation>la baja competencia pesa un %1 %</translation>
    </message>
    <message>
        <source>profitability counts %1 %</source>
        <translation>la rentabilidad pesa un %1 %</translation>
    </message>
    <message>
        <source>carried by 1 store</source>
        <translation>presente en 1 tienda</translation>
    </message>
    <message>
        <source>carried by %1 stores</source>
        <translation>presente en %1 tiendas</translation>
    </message>
    <message>
        <source>1 store followed</source>
        <translation>1 tienda seguida</translation>
    </message>
    <message>
        <source>%1 stores followed</source>
        <translation>%1 tiendas seguidas</translation>
    </message>
    <message>
        <source>1 listing published in the last 30 days</source>
        <translation>1 anuncio publicado en los últimos 30 días</translation>
    </message>
    <message>
        <source>%1 listings published in the last 30 days</source>
        <translation>%1 anuncios publicados en los últimos 30 días</translation>
    </message>
    <message>
        <source>%1 % of variants sold out</source>
        <translation>%1 % de las variantes agotadas</translation>
    </message>
    <message>
        <source>%1 % of variants discounted</source>
        <translation>%1 % de las variantes con descuento</translation>
    </message>
    <message>
        <source>1 favourite</source>
        <translation>1 favorito</translation>
    </message>
    <message>
        <source>%1 favourites</source>
        <translation>%1 favoritos</translation>
    </message>
    <message>
        <source>typical Best Sellers Rank #%1</source>
        <translation>ranking de más vendidos típico: #%1</translation>
    </message>
    <message>
        <source>demand %1 of 100</source>
        <translation>demanda: %1 de 100</translation>
    </message>
    <message>
        <source>1 view</source>
        <translation>1 vista</translation>
    </message>
    <message>
        <source>%1 views</source>
        <translation>%1 vistas</translation>
    </message>
    <message>
        <source>listed 1 day ago on average</source>
        <translation>publicado hace 1 día de media</translation>
    </message>
    <message>
        <source>listed %1 days ago on average</source>
        <translation>publicado hace %1 días de media</translation>
    </message>
    <message>
        <source>carried by %1 of %2 stores you follow</source>
        <translation>presente en %1 de las %2 tiendas que sigues</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Demanda</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Crecimiento</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Profitability</source>
        <translation>Rentabilidad</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>General</translation>
    </message>
</context>
<context>
    <name>ScrapeService</name>
    <message>
        <source>Could not record the run in the database: %1</source>
        <translation>No se pudo registrar la ejecución en la base de datos: %1</translation>
    </message>
    <message>
        <source>Another process is collecting this source now</source>
        <translation>Otro proceso está recopilando esta fuente ahora</translation>
    </message>
    <message>
        <source>Scraping</source>
        <translation>Recopilación</translation>
    </message>
    <message>
        <source>%1 %2: skipped, another process is collecting it</source>
        <translation>%1 %2: omitido, otro proceso lo está recopilando</translation>
    </message>
    <message>
        <source>Could not read the Etsy API key: %1</source>
        <translation>No se pudo leer la clave de API de Etsy: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) stored</source>
        <translation>
            <numerusform>%n producto guardado</numerusform>
            <numerusform>%n productos guardados</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving products failed: %1</source>
        <translation>Error al guardar los productos: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n product(s) stored</source>
        <translation>
            <numerusform>%1: %n producto guardado</numerusform>
            <numerusform>%1: %n productos guardados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: cancelled, %n product(s) kept</source>
        <translation>
            <numerusform>%1: cancelado, se conservó %n producto</numerusform>
            <numerusform>%1: cancelado, se conservaron %n productos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 of %n file(s)</source>
        <translation>
            <numerusform>Archivos importados: %1 de %n</numerusform>
            <numerusform>Archivos importados: %1 de %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import: %n product(s) from %1 file(s)</source>
        <translation>
            <numerusform>Importación: %n producto de %1 archivo(s)</numerusform>
            <numerusform>Importación: %n productos de %1 archivo(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importación</translation>
    </message>
    <message>
        <source>Enter the Etsy API key as keystring:shared_secret</source>
        <translation>Introduce la clave de API de Etsy como keystring:shared_secret</translation>
    </message>
    <message>
        <source>The Etsy API key must be &quot;keystring:shared_secret&quot; (Etsy requires the shared secret since February 2026)</source>
        <translation>La clave de API de Etsy debe tener el formato &quot;keystring:shared_secret&quot; (Etsy exige el shared secret desde febrero de 2026)</translation>
    </message>
    <message>
        <source>The Etsy API key must not contain spaces</source>
        <translation>La clave de API de Etsy no puede contener espacios</translation>
    </message>
    <message>
        <source>Etsy could not be reached: %1</source>
        <translation>No se pudo conectar con Etsy: %1</translation>
    </message>
    <message>
        <source>Etsy accepted the key (application %1)</source>
        <translation>Etsy aceptó la clave (aplicación %1)</translation>
    </message>
    <message>
        <source>Etsy refused the key (HTTP %1%2)</source>
        <translation>Etsy rechazó la clave (HTTP %1%2)</translation>
    </message>
</context>
<context>
    <name>ScrapeStatus</name>
    <message>
        <source>idle</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>bloqueado</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
</context>
<context>
    <name>Scraper</name>
    <message>
        <source>Enter the store&apos;s address, e.g. https://example-store.com</source>
        <translation>Introduce la dirección de la tienda, p. ej. https://example-store.com</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a store address</source>
        <translation>&quot;%1&quot; no es la dirección de una tienda</translation>
    </message>
    <message>
        <source>Enter the search keywords</source>
        <translation>Introduce las palabras clave de búsqueda</translation>
    </message>
    <message>
        <source>The keywords are too long (at most 200 characters)</source>
        <translation>Las palabras clave son demasiado largas (máximo 200 caracteres)</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled; %n product(s) kept</source>
        <translation>
            <numerusform>Cancelado; se conservó %n producto</numerusform>
            <numerusform>Cancelado; se conservaron %n productos</numerusform>
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
        <translation>todo el año</translation>
    </message>
    <message>
        <source>peaks in %1</source>
        <translation>pico en %1</translation>
    </message>
</context>
<context>
    <name>SecretFile</name>
    <message>
        <source>Could not read the key file %1: %2</source>
        <translation>No se pudo leer el archivo de claves %1: %2</translation>
    </message>
    <message>
        <source>The key file %1 is damaged; remove it and save the keys again.</source>
        <translation>El archivo de claves %1 está dañado; elimínalo y vuelve a guardar las claves.</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>No se pudo crear la carpeta %1.</translation>
    </message>
    <message>
        <source>Could not write the key file %1: %2</source>
        <translation>No se pudo escribir el archivo de claves %1: %2</translation>
    </message>
    <message>
        <source>Could not replace the key file %1.</source>
        <translation>No se pudo reemplazar el archivo de claves %1.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>Settings → Accounts</source>
        <translation>Ajustes → Cuentas</translation>
    </message>
    <message>
        <source>Etsy API key</source>
        <translation>Clave de API de Etsy</translation>
    </message>
    <message>
        <source>Printful token</source>
        <translation>Token de Printful</translation>
    </message>
    <message>
        <source>Shopify Admin token</source>
        <translation>Token de Admin de Shopify</translation>
    </message>
    <message>
        <source>Shopify client secret</source>
        <translation>Secreto de cliente de Shopify</translation>
    </message>
    <message>
        <source>OpenAI-compatible API key</source>
        <translation>Clave de API compatible con OpenAI</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Contraseña de la base de datos</translation>
    </message>
    <message>
        <source>No system keychain answered, so the %1 cannot be kept there. Set %2, or save the key in %3 for this session only or in a file only you can read.</source>
        <translation>Ningún llavero del sistema respondió, así que &quot;%1&quot; no puede guardarse ahí. Define %2, o guarda la clave en %3 solo para esta sesión o en un archivo que solo tú puedas leer.</translation>
    </message>
    <message>
        <source>No %1 is set: set %2, or save it in %3.</source>
        <translation>Falta &quot;%1&quot;: define %2 o guarda el valor en %3.</translation>
    </message>
    <message>
        <source>The system keychain refused to read the %1 (%2).</source>
        <translation>El llavero del sistema no permitió leer &quot;%1&quot; (%2).</translation>
    </message>
    <message>
        <source>The %1 is set by %2; change or unset that variable instead.</source>
        <translation>&quot;%1&quot; viene de %2; cambia o elimina esa variable.</translation>
    </message>
    <message>
        <source>Could not remove the %1: %2</source>
        <translation>No se pudo eliminar &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Could not save the %1: %2</source>
        <translation>No se pudo guardar &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>The system keychain refused to save the %1 (%2).</source>
        <translation>El llavero del sistema no permitió guardar &quot;%1&quot; (%2).</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>Schedule</source>
        <translation>Programación</translation>
    </message>
</context>
<context>
    <name>ShopifyClient</name>
    <message>
        <source>Shopify rate limit: waiting %1 s</source>
        <translation>Límite de peticiones de Shopify: esperando %1 s</translation>
    </message>
    <message>
        <source>Shopify is throttling: waiting %1 s</source>
        <translation>Shopify está limitando las peticiones: esperando %1 s</translation>
    </message>
    <message>
        <source>Shopify did not answer properly (%1); retrying</source>
        <translation>Shopify no respondió correctamente (%1); reintentando</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Shopify: %1</source>
        <translation>Shopify: %1</translation>
    </message>
    <message>
        <source>Shopify refused the client id and secret (%1). Check them in Settings → Accounts.</source>
        <translation>Shopify rechazó el client id y el secreto (%1). Revísalos en Ajustes → Cuentas.</translation>
    </message>
    <message>
        <source>Shopify rejected the access token (401). Check the Shopify Admin token (or client id and secret) in Settings → Accounts.</source>
        <translation>Shopify rechazó el token de acceso (401). Revisa el token de Admin de Shopify (o el client id y el secreto) en Ajustes → Cuentas.</translation>
    </message>
    <message>
        <source>Shopify refused access (403): the app needs the write_products and write_files scopes.</source>
        <translation>Shopify denegó el acceso (403): la app necesita los permisos write_products y write_files.</translation>
    </message>
    <message>
        <source>Shopify answered 404 for %1: check the shop name and the API version in Settings → Publishing.</source>
        <translation>Shopify respondió 404 para %1: revisa el nombre de la tienda y la versión de la API en Ajustes → Publicación.</translation>
    </message>
    <message>
        <source>Shopify&apos;s rate limit is still exceeded after waiting (HTTP %1). Try again in a minute.</source>
        <translation>Se sigue superando el límite de peticiones de Shopify tras esperar (HTTP %1). Vuelve a intentarlo en un minuto.</translation>
    </message>
    <message>
        <source>Shopify answered HTTP %1: %2</source>
        <translation>Shopify respondió HTTP %1: %2</translation>
    </message>
    <message>
        <source>Shopify answered with something that is not JSON (%1).</source>
        <translation>Shopify respondió con algo que no es JSON (%1).</translation>
    </message>
    <message>
        <source>Shopify GraphQL error: %1</source>
        <translation>Error de GraphQL de Shopify: %1</translation>
    </message>
    <message>
        <source>Shopify refused the upload: %1</source>
        <translation>Shopify rechazó la subida: %1</translation>
    </message>
    <message>
        <source>Shopify returned no upload target.</source>
        <translation>Shopify no devolvió ningún destino de subida.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>The upload of %1 to Shopify&apos;s storage failed: %2</source>
        <translation>Falló la subida de %1 al almacenamiento de Shopify: %2</translation>
    </message>
    <message>
        <source>The upload of %1 to Shopify&apos;s storage failed (HTTP %2).</source>
        <translation>Falló la subida de %1 al almacenamiento de Shopify (HTTP %2).</translation>
    </message>
    <message>
        <source>Shopify refused the file: %1</source>
        <translation>Shopify rechazó el archivo: %1</translation>
    </message>
    <message>
        <source>Shopify created no file.</source>
        <translation>Shopify no creó ningún archivo.</translation>
    </message>
    <message>
        <source>Shopify could not process the file: %1</source>
        <translation>Shopify no pudo procesar el archivo: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Shopify has not finished processing the print file after %1 s (status &quot;%2&quot;). Retry later; publishing resumes from this step.</source>
        <translation>Shopify no ha terminado de procesar el archivo de impresión tras %1 s (estado &quot;%2&quot;). Reinténtalo más tarde; la publicación seguirá desde este paso.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Shopify refused the product: %1</source>
        <translation>Shopify rechazó el producto: %1</translation>
    </message>
    <message>
        <source>Shopify returned no product.</source>
        <translation>Shopify no devolvió ningún producto.</translation>
    </message>
</context>
<context>
    <name>ShopifyScraper</name>
    <message>
        <source>Page %1 of %2 failed: %3</source>
        <translation>Falló la página %1 de %2: %3</translation>
    </message>
    <message>
        <source>Partial result: Shopify serves at most 25,000 products per store this way</source>
        <translation>Resultado parcial: de esta forma Shopify ofrece como máximo 25.000 productos por tienda</translation>
    </message>
    <message>
        <source>%1 keeps refusing requests (HTTP %2, rate limited) at page %3; try again later</source>
        <translation>%1 sigue rechazando peticiones (HTTP %2, límite de peticiones) en la página %3; inténtalo más tarde</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 for page %3</source>
        <translation>%1 respondió HTTP %2 para la página %3</translation>
    </message>
    <message>
        <source>%1 does not look like a Shopify store (products.json answered %2, not JSON)</source>
        <translation>%1 no parece una tienda Shopify (products.json respondió %2, no JSON)</translation>
    </message>
    <message numerus="yes">
        <source>; %n product(s) collected</source>
        <translation>
            <numerusform>; %n producto recopilado</numerusform>
            <numerusform>; %n productos recopilados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n product(s) kept</source>
        <translation>
            <numerusform>; se conservó %n producto</numerusform>
            <numerusform>; se conservaron %n productos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of %2 is not valid products JSON (%3); %n product(s) kept</source>
        <translation>
            <numerusform>La página %1 de %2 no es un JSON de productos válido (%3); se conservó %n producto</numerusform>
            <numerusform>La página %1 de %2 no es un JSON de productos válido (%3); se conservaron %n productos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: page %2, %n product(s)</source>
        <translation>
            <numerusform>%1: página %2, %n producto</numerusform>
            <numerusform>%1: página %2, %n productos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Partial result: Shopify serves at most 25,000 products per store this way; %n product(s) collected</source>
        <translation>
            <numerusform>Resultado parcial: de esta forma Shopify ofrece como máximo 25.000 productos por tienda; %n producto recopilado</numerusform>
            <numerusform>Resultado parcial: de esta forma Shopify ofrece como máximo 25.000 productos por tienda; %n productos recopilados</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at the page limit (%1 pages); the store has more products</source>
        <translation>Detenido en el límite de páginas (%1 páginas); la tienda tiene más productos</translation>
    </message>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>JSON no válido (%1)</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>se esperaba un objeto JSON</translation>
    </message>
    <message>
        <source>no &quot;products&quot; list</source>
        <translation>falta la lista &quot;products&quot;</translation>
    </message>
</context>
<context>
    <name>TextSafety</name>
    <message>
        <source>The text contains the protected name %1; change it before marking the design ready.</source>
        <translation>El texto contiene el nombre protegido %1; cámbialo antes de marcar el diseño como listo.</translation>
    </message>
</context>
<context>
    <name>TrendCharts</name>
    <message>
        <source>Opportunity breakdown</source>
        <translation>Desglose de la oportunidad</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Medido</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>Estimado</translation>
    </message>
    <message>
        <source>%1 (no data)</source>
        <translation>%1 (sin datos)</translation>
    </message>
    <message>
        <source>Price distribution</source>
        <translation>Distribución de precios</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Price ($)</source>
        <translation>Precio ($)</translation>
    </message>
    <message>
        <source>Marketplaces</source>
        <translation>Marketplaces</translation>
    </message>
    <message>
        <source>Reviews over time (snapshots)</source>
        <translation>Reseñas a lo largo del tiempo (capturas)</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reseñas</translation>
    </message>
</context>
<context>
    <name>podtrends::core::PublishQueue</name>
    <message>
        <source>Publishing</source>
        <translation>Publicación</translation>
    </message>
    <message>
        <source>Design %1 published (%2).</source>
        <translation>Diseño %1 publicado (%2).</translation>
    </message>
    <message>
        <source>Design %1 was not published: %2</source>
        <translation>El diseño %1 no se publicó: %2</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ActivityLogPanel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Registro de actividad</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ApiKeysWidget</name>
    <message>
        <source>Keys are stored in your system keychain and are never written to the settings file, the database or the logs. An environment variable with the name shown overrides what is saved here.</source>
        <translation>Las claves se guardan en el llavero del sistema y nunca se escriben en el archivo de ajustes, la base de datos ni los registros. Una variable de entorno con el nombre indicado tiene prioridad sobre lo guardado aquí.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No system keychain answered.&lt;/b&gt; This desktop runs no keychain service (such as GNOME Keyring, KeePassXC or KWallet), so keys cannot be kept safely. Choose what happens to the keys you save here:</source>
        <translation>&lt;b&gt;Ningún llavero del sistema respondió.&lt;/b&gt; Este escritorio no ejecuta ningún servicio de llavero (como GNOME Keyring, KeePassXC o KWallet), así que las claves no se pueden guardar de forma segura. Elige qué pasa con las claves que guardes aquí:</translation>
    </message>
    <message>
        <source>Keep them for this session only: they are forgotten when POD Trends closes</source>
        <translation>Guardarlas solo para esta sesión: se olvidan al cerrar POD Trends</translation>
    </message>
    <message>
        <source>Save them in a file only you can read (less safe: any program running as you can read it)</source>
        <translation>Guardarlas en un archivo que solo tú puedas leer (menos seguro: cualquier programa que se ejecute con tu usuario puede leerlo)</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Archivo: %1</translation>
    </message>
    <message>
        <source>Try the keychain again</source>
        <translation>Volver a probar el llavero</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>set by %1</source>
        <translation>desde %1</translation>
    </message>
    <message>
        <source>not set (or set %1)</source>
        <translation>sin definir (o define %1)</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>comprobando…</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>sin llavero</translation>
    </message>
    <message>
        <source>could not read</source>
        <translation>no se pudo leer</translation>
    </message>
    <message>
        <source>saved; type to replace</source>
        <translation>guardado; escribe para reemplazarlo</translation>
    </message>
    <message>
        <source>saved in the file (less safe)</source>
        <translation>en el archivo (menos seguro)</translation>
    </message>
    <message>
        <source>kept for this session</source>
        <translation>solo para esta sesión</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>guardado</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>guardando…</translation>
    </message>
    <message>
        <source>choose above</source>
        <translation>elige arriba</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>sin guardar</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>borrado</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::DashboardPage</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>justo ahora</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>hace %n minuto</numerusform>
            <numerusform>hace %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>hace %n hora</numerusform>
            <numerusform>hace %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Where your research stands and what to do next.</source>
        <translation>Cómo va tu investigación y qué hacer a continuación.</translation>
    </message>
    <message>
        <source>Products collected</source>
        <translation>Productos recopilados</translation>
    </message>
    <message>
        <source>Trends found</source>
        <translation>Tendencias encontradas</translation>
    </message>
    <message>
        <source>Designs</source>
        <translation>Diseños</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicados</translation>
    </message>
    <message>
        <source>Add a &amp;source</source>
        <translation>Añadir &amp;fuente</translation>
    </message>
    <message>
        <source>&amp;Analyze</source>
        <translation>&amp;Analizar</translation>
    </message>
    <message>
        <source>&amp;Generate designs</source>
        <translation>&amp;Generar diseños</translation>
    </message>
    <message>
        <source>Top opportunities</source>
        <translation>Mejores oportunidades</translation>
    </message>
    <message>
        <source>Niche</source>
        <translation>Nicho</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Oportunidad</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Last scrape per marketplace</source>
        <translation>Última recopilación por marketplace</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last scrape</source>
        <translation>Última recopilación</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Próxima</translation>
    </message>
    <message>
        <source>Recent jobs</source>
        <translation>Tareas recientes</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Generate designs for the best niche</source>
        <translation>Generar diseños para el mejor nicho</translation>
    </message>
    <message>
        <source>Nothing to generate from yet: analyze collected products to find a niche first.</source>
        <translation>Aún no hay nada a partir de lo que generar: primero analiza los productos recopilados para encontrar un nicho.</translation>
    </message>
    <message>
        <source>Find and rank niches in the collected products</source>
        <translation>Buscar y clasificar nichos en los productos recopilados</translation>
    </message>
    <message>
        <source>Nothing to analyze yet: collect or import products first.</source>
        <translation>Aún no hay nada que analizar: primero recopila o importa productos.</translation>
    </message>
    <message>
        <source>Nothing collected yet</source>
        <translation>Aún no hay nada recopilado</translation>
    </message>
    <message>
        <source>Import saved marketplace pages or exports, add a shop to collect, or try the sample workspace: made-up shops, from listings to ranked niches and mockups in a few minutes.</source>
        <translation>Importa páginas guardadas de marketplaces o exportaciones, añade una tienda para recopilar o prueba el espacio de ejemplo: tiendas inventadas, desde los anuncios hasta nichos clasificados y mockups en pocos minutos.</translation>
    </message>
    <message>
        <source>Try the sample workspace</source>
        <translation>Probar el espacio de ejemplo</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Importar archivos…</translation>
    </message>
    <message>
        <source>Add a source…</source>
        <translation>Añadir una fuente…</translation>
    </message>
    <message>
        <source>No niches ranked yet</source>
        <translation>Aún no hay nichos clasificados</translation>
    </message>
    <message>
        <source>Analyze the collected products to find niches and rank them by opportunity.</source>
        <translation>Analiza los productos recopilados para encontrar nichos y clasificarlos por oportunidad.</translation>
    </message>
    <message>
        <source>Analyze now</source>
        <translation>Analizar ahora</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; add a source (a Shopify store, Etsy or Amazon keywords), import or drop saved pages on the window, or try the sample workspace.</source>
        <translation>&lt;b&gt;Siguiente paso:&lt;/b&gt; añade una fuente (una tienda Shopify, palabras clave de Etsy o Amazon), importa o suelta páginas guardadas en la ventana, o prueba el espacio de ejemplo.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Next step:&lt;/b&gt; analyze the %n collected product(s) to find niches.</source>
        <translation>
            <numerusform>&lt;b&gt;Siguiente paso:&lt;/b&gt; analiza el producto recopilado (%n) para encontrar nichos.</numerusform>
            <numerusform>&lt;b&gt;Siguiente paso:&lt;/b&gt; analiza los %n productos recopilados para encontrar nichos.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; generate designs for the best niche, &lt;i&gt;%1&lt;/i&gt; (opportunity %2).</source>
        <translation>&lt;b&gt;Siguiente paso:&lt;/b&gt; genera diseños para el mejor nicho, &lt;i&gt;%1&lt;/i&gt; (oportunidad %2).</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; review your designs and publish the best ones, or analyze again after the next scrape.</source>
        <translation>&lt;b&gt;Siguiente paso:&lt;/b&gt; revisa tus diseños y publica los mejores, o vuelve a analizar tras la próxima recopilación.</translation>
    </message>
    <message>
        <source>No scrape yet</source>
        <translation>Aún sin recopilar</translation>
    </message>
    <message>
        <source>%1 trends from %2 products</source>
        <translation>%1 tendencias de %2 productos</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n elemento</numerusform>
            <numerusform>%n elementos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>podtrends::ui::DatabaseDialog</name>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>&amp;Embedded SQLite file (works offline, one computer)</source>
        <translation>Archivo SQLite &amp;integrado (sin conexión, un solo equipo)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a database file</source>
        <translation>Elige un archivo de base de datos</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Archivo de base de datos</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db)</source>
        <translation>Bases de datos SQLite (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>&amp;PostgreSQL server (shared by a team)</source>
        <translation>Servidor &amp;PostgreSQL (compartido por un equipo)</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation>Se guarda en el llavero del sistema, nunca en el archivo de ajustes.</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Puerto:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Probar &amp;conexión</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>✔ Connected.</source>
        <translation>✔ Conectado.</translation>
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
        <translation>Cargando…</translation>
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
        <translation>Diseño %1</translation>
    </message>
    <message>
        <source>%1
Status: %2 · style: %3</source>
        <translation>%1
Estado: %2 · estilo: %3</translation>
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
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Select a design to see its prompt and print specifications.</source>
        <translation>Selecciona un diseño para ver su prompt y sus especificaciones de impresión.</translation>
    </message>
    <message>
        <source>No design selected</source>
        <translation>Ningún diseño seleccionado</translation>
    </message>
    <message>
        <source>Slogan: %1
</source>
        <translation>Eslogan: %1
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
Concepto: %1

Prompt: %2

Prompt negativo: %3

Archivos de impresión:
</translation>
    </message>
    <message>
        <source>  %1 %2: %3×%4 px, %5 DPI, %6×%7 in, %8
</source>
        <translation>  %1 %2: %3×%4 px, %5 DPI, %6×%7 pulg., %8
</translation>
    </message>
    <message>
        <source>checks passed</source>
        <translation>comprobaciones superadas</translation>
    </message>
    <message>
        <source>checks failed: %1</source>
        <translation>comprobaciones fallidas: %1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>white</source>
        <translation>blanco</translation>
    </message>
    <message>
        <source>off-white</source>
        <translation>blanco roto</translation>
    </message>
    <message>
        <source>cream</source>
        <translation>crema</translation>
    </message>
    <message>
        <source>natural</source>
        <translation>natural</translation>
    </message>
    <message>
        <source>sand</source>
        <translation>arena</translation>
    </message>
    <message>
        <source>light grey</source>
        <translation>gris claro</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>gris</translation>
    </message>
    <message>
        <source>charcoal</source>
        <translation>gris marengo</translation>
    </message>
    <message>
        <source>black</source>
        <translation>negro</translation>
    </message>
    <message>
        <source>navy</source>
        <translation>azul marino</translation>
    </message>
    <message>
        <source>royal blue</source>
        <translation>azul real</translation>
    </message>
    <message>
        <source>light blue</source>
        <translation>azul claro</translation>
    </message>
    <message>
        <source>red</source>
        <translation>rojo</translation>
    </message>
    <message>
        <source>maroon</source>
        <translation>granate</translation>
    </message>
    <message>
        <source>pink</source>
        <translation>rosa</translation>
    </message>
    <message>
        <source>orange</source>
        <translation>naranja</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>amarillo</translation>
    </message>
    <message>
        <source>forest green</source>
        <translation>verde bosque</translation>
    </message>
    <message>
        <source>olive</source>
        <translation>oliva</translation>
    </message>
    <message>
        <source>purple</source>
        <translation>morado</translation>
    </message>
    <message>
        <source>brown</source>
        <translation>marrón</translation>
    </message>
    <message>
        <source>Print file: %1, front</source>
        <translation>Archivo de impresión: %1, delante</translation>
    </message>
    <message>
        <source>Print file: %1, back</source>
        <translation>Archivo de impresión: %1, detrás</translation>
    </message>
    <message>
        <source>Print file: %1, all around</source>
        <translation>Archivo de impresión: %1, envolvente</translation>
    </message>
    <message>
        <source>Print file: %1</source>
        <translation>Archivo de impresión: %1</translation>
    </message>
    <message>
        <source>Mockup: %1</source>
        <translation>Mockup: %1</translation>
    </message>
    <message>
        <source>Mockup: %1 in %2</source>
        <translation>Mockup: %1 en %2</translation>
    </message>
    <message>
        <source>an OpenAI-compatible server</source>
        <translation>un servidor compatible con OpenAI</translation>
    </message>
    <message>
        <source>the built-in renderer</source>
        <translation>el generador integrado</translation>
    </message>
    <message>
        <source>Style: %1 · palette: %2 · made by %3
</source>
        <translation>Estilo: %1 · paleta: %2 · creado con %3
</translation>
    </message>
    <message>
        <source>Mockup or print file shown</source>
        <translation>Mockup o archivo de impresión mostrado</translation>
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
        <translation>Diseños</translation>
    </message>
    <message>
        <source>Generated designs, print files and mockups.</source>
        <translation>Diseños generados, archivos de impresión y mockups.</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicado</translation>
    </message>
    <message>
        <source>Trend:</source>
        <translation>Tendencia:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source> variants</source>
        <translation> variantes</translation>
    </message>
    <message>
        <source>Built-in renderer (offline)</source>
        <translation>Renderizador integrado (sin conexión)</translation>
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation>Servidor compatible con OpenAI</translation>
    </message>
    <message>
        <source>Generate designs</source>
        <translation>Generar diseños</translation>
    </message>
    <message>
        <source>Generate new variants for the trend chosen on the left</source>
        <translation>Generar nuevas variantes para la tendencia elegida a la izquierda</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Regenerar</translation>
    </message>
    <message>
        <source>Edit slogan…</source>
        <translation>Editar eslogan…</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>Marcar como listo</translation>
    </message>
    <message>
        <source>Export files…</source>
        <translation>Exportar archivos…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>Publicar…</translation>
    </message>
    <message>
        <source>Choose a trend first: designs are generated for one trend.</source>
        <translation>Primero elige una tendencia: los diseños se generan para una tendencia.</translation>
    </message>
    <message>
        <source>Cannot load designs: %1</source>
        <translation>No se pueden cargar los diseños: %1</translation>
    </message>
    <message>
        <source>All trends</source>
        <translation>Todas las tendencias</translation>
    </message>
    <message>
        <source>%1 (opportunity %2)</source>
        <translation>%1 (oportunidad %2)</translation>
    </message>
    <message>
        <source>%1 (opportunity: no data)</source>
        <translation>%1 (oportunidad: sin datos)</translation>
    </message>
    <message>
        <source>Nothing to generate from yet: designs are made for a trend, and trends come from analyzing collected products.</source>
        <translation>Aún no hay nada a partir de lo que generar: los diseños se crean para una tendencia, y las tendencias salen de analizar los productos recopilados.</translation>
    </message>
    <message>
        <source>No trends to design for yet</source>
        <translation>Aún no hay tendencias para diseñar</translation>
    </message>
    <message>
        <source>Designs are generated for a trend. Import or collect listings and analyze them on the Trends page, or try the sample workspace.</source>
        <translation>Los diseños se generan para una tendencia. Importa o recopila anuncios y analízalos en la página Tendencias, o prueba el espacio de ejemplo.</translation>
    </message>
    <message>
        <source>Go to Trends</source>
        <translation>Ir a Tendencias</translation>
    </message>
    <message>
        <source>Try the sample workspace</source>
        <translation>Probar el espacio de ejemplo</translation>
    </message>
    <message>
        <source>No designs yet</source>
        <translation>Aún no hay diseños</translation>
    </message>
    <message>
        <source>Choose a trend above and press Generate designs: the built-in renderer works offline and makes print files and mockups for each product type.</source>
        <translation>Elige una tendencia arriba y pulsa Generar diseños: el renderizador integrado funciona sin conexión y crea archivos de impresión y mockups para cada tipo de producto.</translation>
    </message>
    <message numerus="yes">
        <source>Generating %n variant(s)…</source>
        <translation>
            <numerusform>Generando %n variante…</numerusform>
            <numerusform>Generando %n variantes…</numerusform>
        </translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>Error en la generación: %1</translation>
    </message>
    <message>
        <source>Design %1: %2</source>
        <translation>Diseño %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Generation cancelled; %n design(s) kept.</source>
        <translation>
            <numerusform>Generación cancelada; se conservó %n diseño.</numerusform>
            <numerusform>Generación cancelada; se conservaron %n diseños.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n design(s) generated.</source>
        <translation>
            <numerusform>%n diseño generado.</numerusform>
            <numerusform>%n diseños generados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Checking the design…</source>
        <translation>Comprobando el diseño…</translation>
    </message>
    <message>
        <source>Regenerating the variant…</source>
        <translation>Regenerando la variante…</translation>
    </message>
    <message>
        <source>Edit slogan</source>
        <translation>Editar eslogan</translation>
    </message>
    <message>
        <source>Slogan (one line per printed line):</source>
        <translation>Eslogan (una línea por cada línea impresa):</translation>
    </message>
    <message>
        <source>Re-rendering with the new slogan…</source>
        <translation>Volviendo a renderizar con el nuevo eslogan…</translation>
    </message>
    <message>
        <source>Export print files and mockups to</source>
        <translation>Exportar archivos de impresión y mockups a</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Delete design</source>
        <translation>Eliminar diseño</translation>
    </message>
    <message>
        <source>Delete design %1 and its files?</source>
        <translation>¿Eliminar el diseño %1 y sus archivos?</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Eliminando…</translation>
    </message>
    <message>
        <source>Number of variants to generate</source>
        <translation>Número de variantes a generar</translation>
    </message>
    <message>
        <source>Generated designs</source>
        <translation>Diseños generados</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::JobsModel</name>
    <message>
        <source>Job</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Proceso</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::JobsPanel</name>
    <message>
        <source>No jobs yet.</source>
        <translation>Aún no hay tareas.</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n tarea en curso</numerusform>
            <numerusform>%n tareas en curso</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n machine(s) busy</source>
        <translation>
            <numerusform>%n equipo ocupado</numerusform>
            <numerusform>%n equipos ocupados</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the jobs: %1</source>
        <translation>No se pueden leer las tareas: %1</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tareas</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::MainWindow</name>
    <message>
        <source>POD Trends</source>
        <translation>POD Trends</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sample workspace.&lt;/b&gt; These shops and listings are made up so you can try the app. Nothing here is your data.</source>
        <translation>&lt;b&gt;Espacio de ejemplo.&lt;/b&gt; Estas tiendas y anuncios son inventados para que pruebes la app. Nada de esto son tus datos.</translation>
    </message>
    <message>
        <source>Remove the sample</source>
        <translation>Quitar el ejemplo</translation>
    </message>
    <message>
        <source>Go back to your own database and delete the sample workspace</source>
        <translation>Volver a tu propia base de datos y eliminar el espacio de ejemplo</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Tendencias</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Designs</source>
        <translation>Diseños</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Choose a trend on the Trends page first: designs are generated for one trend.</source>
        <translation>Primero elige una tendencia en la página Tendencias: los diseños se generan para una tendencia.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <source>No database: %1</source>
        <translation>Sin base de datos: %1</translation>
    </message>
    <message>
        <source>Opened the sample workspace</source>
        <translation>Se abrió el espacio de ejemplo</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Se abrió %1</translation>
    </message>
    <message>
        <source>Sample workspace</source>
        <translation>Espacio de ejemplo</translation>
    </message>
    <message>
        <source>The sample workspace was removed.</source>
        <translation>Se quitó el espacio de ejemplo.</translation>
    </message>
    <message>
        <source>POD Trends — Sample workspace</source>
        <translation>POD Trends — Espacio de ejemplo</translation>
    </message>
    <message>
        <source>Sample workspace (made-up shops)</source>
        <translation>Espacio de ejemplo (tiendas inventadas)</translation>
    </message>
    <message>
        <source>Remove it with the button at the top or File › Remove the sample workspace.</source>
        <translation>Quítalo con el botón de arriba o con Archivo › Quitar el espacio de ejemplo.</translation>
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
        <source>The database in use. Change it with File › Open database or under Settings.</source>
        <translation>La base de datos en uso. Cámbiala con Archivo › Abrir base de datos o en Ajustes.</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Research</source>
        <translation>I&amp;nvestigación</translation>
    </message>
    <message>
        <source>&amp;Analyze collected products</source>
        <translation>&amp;Analizar productos recopilados</translation>
    </message>
    <message>
        <source>&amp;Generate designs for the selected trend</source>
        <translation>&amp;Generar diseños para la tendencia seleccionada</translation>
    </message>
    <message>
        <source>&amp;Publish the selected design…</source>
        <translation>&amp;Publicar el diseño seleccionado…</translation>
    </message>
    <message>
        <source>Choose a design in the gallery first.</source>
        <translation>Primero elige un diseño en la galería.</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Ampliar</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Reducir</translation>
    </message>
    <message>
        <source>&amp;Fit to the pane</source>
        <translation>A&amp;justar al panel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;Nueva base de datos…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Abrir base de datos…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Importar archivos…</translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation>Importar una &amp;carpeta…</translation>
    </message>
    <message>
        <source>Analyze after importing</source>
        <translation>Analizar tras importar</translation>
    </message>
    <message>
        <source>Find and rank niches as soon as an import ends</source>
        <translation>Buscar y clasificar nichos en cuanto termine una importación</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>&amp;Products as CSV…</source>
        <translation>&amp;Productos como CSV…</translation>
    </message>
    <message>
        <source>&amp;Trend report…</source>
        <translation>Informe de &amp;tendencias…</translation>
    </message>
    <message>
        <source>Try the &amp;sample workspace</source>
        <translation>&amp;Probar el espacio de ejemplo</translation>
    </message>
    <message>
        <source>Remove the sample workspace</source>
        <translation>Quitar el espacio de ejemplo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>No databases opened yet</source>
        <translation>Aún no se ha abierto ninguna base de datos</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About POD Trends</source>
        <translation>Acerca &amp;de POD Trends</translation>
    </message>
    <message>
        <source>Import a folder of saved pages and exports</source>
        <translation>Importar una carpeta de páginas guardadas y exportaciones</translation>
    </message>
    <message>
        <source>Import saved pages and exports</source>
        <translation>Importar páginas guardadas y exportaciones</translation>
    </message>
    <message>
        <source>Saved pages and exports (*.html *.htm *.json *.csv);;All files (*)</source>
        <translation>Páginas guardadas y exportaciones (*.html *.htm *.json *.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Nueva base de datos</translation>
    </message>
    <message>
        <source>Databases (*.sqlite *.db)</source>
        <translation>Bases de datos (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>research.sqlite</source>
        <translation>research.sqlite</translation>
    </message>
    <message>
        <source>%1 already exists. Use File › Open database to work on it.</source>
        <translation>%1 ya existe. Usa Archivo › Abrir base de datos para trabajar con ella.</translation>
    </message>
    <message>
        <source>Open database (a team&apos;s PostgreSQL server: Settings › Database)</source>
        <translation>Abrir base de datos (servidor PostgreSQL de un equipo: Ajustes › Base de datos)</translation>
    </message>
    <message>
        <source>Databases (*.sqlite *.db);;All files (*)</source>
        <translation>Bases de datos (*.sqlite *.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Export products</source>
        <translation>Exportar productos</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>products.csv</source>
        <translation>products.csv</translation>
    </message>
    <message>
        <source>No trends to report yet: analyze collected products first.</source>
        <translation>Aún no hay tendencias para el informe: primero analiza los productos recopilados.</translation>
    </message>
    <message>
        <source>Export the trend report</source>
        <translation>Exportar el informe de tendencias</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Páginas web (*.html)</translation>
    </message>
    <message>
        <source>trend-report.html</source>
        <translation>trend-report.html</translation>
    </message>
    <message>
        <source>Trend report</source>
        <translation>Informe de tendencias</translation>
    </message>
    <message numerus="yes">
        <source>%n niche(s), best opportunity first. Made with POD Trends on %1.</source>
        <translation>
            <numerusform>%n nicho, de mayor a menor oportunidad. Creado con POD Trends el %1.</numerusform>
            <numerusform>%n nichos, de mayor a menor oportunidad. Creado con POD Trends el %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportación</translation>
    </message>
    <message>
        <source>Saved the trend report to %1</source>
        <translation>Informe de tendencias guardado en %1</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>No se puede guardar %1: %2</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>ninguna abierta</translation>
    </message>
    <message>
        <source>the sample workspace</source>
        <translation>el espacio de ejemplo</translation>
    </message>
    <message>
        <source>&lt;h3&gt;POD Trends %1&lt;/h3&gt;&lt;p&gt;Finds print-on-demand niches in marketplace listings, generates designs and publishes them.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Database:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Data folder:&lt;/b&gt; %5&lt;br&gt;&lt;b&gt;Designs:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Settings file:&lt;/b&gt; %7&lt;/p&gt;</source>
        <translation>&lt;h3&gt;POD Trends %1&lt;/h3&gt;&lt;p&gt;Encuentra nichos de impresión bajo demanda en los anuncios de los marketplaces, genera diseños y los publica.&lt;/p&gt;&lt;p&gt;Qt %2 (compilado con %3)&lt;/p&gt;&lt;p&gt;&lt;b&gt;Base de datos:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Carpeta de datos:&lt;/b&gt; %5&lt;br&gt;&lt;b&gt;Diseños:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Archivo de ajustes:&lt;/b&gt; %7&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About POD Trends</source>
        <translation>Acerca de POD Trends</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::OpportunityChart</name>
    <message>
        <source>Opportunity map (bubble size: profit)</source>
        <translation>Mapa de oportunidades (tamaño de burbuja: beneficio)</translation>
    </message>
    <message>
        <source>Demand →</source>
        <translation>Demanda →</translation>
    </message>
    <message>
        <source>Competition ↑</source>
        <translation>Competencia ↑</translation>
    </message>
    <message>
        <source>Low profit</source>
        <translation>Beneficio bajo</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>%1 — opportunity %2</source>
        <translation>%1 — oportunidad %2</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Seleccionado</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ProductDetailsPane</name>
    <message>
        <source>Select a product to see its details, history and raw data.</source>
        <translation>Selecciona un producto para ver sus detalles, su historial y sus datos sin procesar.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reseñas</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation>JSON sin procesar</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>This product no longer exists.</source>
        <translation>Este producto ya no existe.</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(sin título)</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Abrir en el navegador</translation>
    </message>
    <message>
        <source>No product page address</source>
        <translation>Sin dirección de la página del producto</translation>
    </message>
    <message>
        <source>Marketplace:</source>
        <translation>Marketplace:</translation>
    </message>
    <message>
        <source>External id:</source>
        <translation>ID externo:</translation>
    </message>
    <message>
        <source>Shop / brand:</source>
        <translation>Tienda / marca:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Categoría:</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>Precio:</translation>
    </message>
    <message>
        <source>Rating:</source>
        <translation>Valoración:</translation>
    </message>
    <message>
        <source>Reviews:</source>
        <translation>Reseñas:</translation>
    </message>
    <message>
        <source>Favorites:</source>
        <translation>Favoritos:</translation>
    </message>
    <message>
        <source>Rank:</source>
        <translation>Ranking:</translation>
    </message>
    <message>
        <source>Sponsored:</source>
        <translation>Patrocinado:</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Etiquetas:</translation>
    </message>
    <message>
        <source>Keywords:</source>
        <translation>Palabras clave:</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Imagen:</translation>
    </message>
    <message>
        <source>First seen:</source>
        <translation>Visto por primera vez:</translation>
    </message>
    <message>
        <source>Last seen:</source>
        <translation>Visto por última vez:</translation>
    </message>
    <message>
        <source>Trend:</source>
        <translation>Tendencia:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Fuente:</translation>
    </message>
    <message>
        <source>Snapshots:</source>
        <translation>Instantáneas:</translation>
    </message>
    <message>
        <source>(no raw record stored)</source>
        <translation>(no se guardó el registro original)</translation>
    </message>
    <message>
        <source>No history yet: every scrape or import adds a point.</source>
        <translation>Aún no hay historial: cada recopilación o importación añade un punto.</translation>
    </message>
    <message>
        <source>One observation so far: the next scrape adds a second point.</source>
        <translation>Una sola observación por ahora: la próxima recopilación añade un segundo punto.</translation>
    </message>
    <message>
        <source>Price and reviews over time</source>
        <translation>Precio y reseñas a lo largo del tiempo</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ProductHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reseñas</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ProductTableModel</name>
    <message>
        <source>in a moment</source>
        <translation>en un momento</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>en %1</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>hace %1</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(eliminado)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reseñas</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Visto por última vez</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ProductsPage</name>
    <message>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Every listing collected from Amazon, Etsy and Shopify.</source>
        <translation>Todos los anuncios recopilados de Amazon, Etsy y Shopify.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Save the products of the current search and filters as a CSV file</source>
        <translation>Guarda los productos de la búsqueda y los filtros actuales como archivo CSV</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Loading products failed: %1</source>
        <translation>No se pudieron cargar los productos: %1</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>Buscar productos</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Search titles, tags and shops (Ctrl+F)</source>
        <translation>Busca en títulos, etiquetas y tiendas (Ctrl+F)</translation>
    </message>
    <message>
        <source>All marketplaces</source>
        <translation>Todos los marketplaces</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Todas las categorías</translation>
    </message>
    <message>
        <source>Lowest price</source>
        <translation>Precio más bajo</translation>
    </message>
    <message>
        <source>Highest price</source>
        <translation>Precio más alto</translation>
    </message>
    <message>
        <source>Lowest rating</source>
        <translation>Valoración más baja</translation>
    </message>
    <message>
        <source>Highest rating</source>
        <translation>Valoración más alta</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Clear the search and all filters</source>
        <translation>Borra la búsqueda y todos los filtros</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>Loading products…</source>
        <translation>Cargando productos…</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>No hay ninguna base de datos abierta.</translation>
    </message>
    <message>
        <source>1 product</source>
        <translation>1 producto</translation>
    </message>
    <message>
        <source>%1 products</source>
        <translation>%1 productos</translation>
    </message>
    <message>
        <source>%1 match the search and filters</source>
        <translation>%1 según la búsqueda y los filtros</translation>
    </message>
    <message>
        <source>%1 collected from Amazon, Etsy and Shopify</source>
        <translation>%1 recopilados de Amazon, Etsy y Shopify</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No database is open&lt;/h3&gt;&lt;p&gt;Choose one under Settings.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;No hay ninguna base de datos abierta&lt;/h3&gt;&lt;p&gt;Elige una en Ajustes.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No products match&lt;/h3&gt;&lt;p&gt;Try fewer words or wider price and rating ranges, or press Reset.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Ningún producto coincide&lt;/h3&gt;&lt;p&gt;Prueba con menos palabras o con rangos de precio y valoración más amplios, o haz clic en Restablecer.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No products yet&lt;/h3&gt;&lt;p&gt;Add a Shopify store or a search on the &lt;b&gt;Sources&lt;/b&gt; page and press &lt;b&gt;Scrape now&lt;/b&gt;, or drop saved search pages, &lt;i&gt;products.json&lt;/i&gt; files or an Etsy CSV export on this window.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;podtrends:import&quot;&gt;Import files…&lt;/a&gt; &amp;nbsp; &lt;a href=&quot;podtrends:sample&quot;&gt;Try the sample workspace&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Aún no hay productos&lt;/h3&gt;&lt;p&gt;Añade una tienda de Shopify o una búsqueda en la página &lt;b&gt;Fuentes&lt;/b&gt; y haz clic en &lt;b&gt;Recopilar ahora&lt;/b&gt;, o arrastra a esta ventana páginas de búsqueda guardadas, archivos &lt;i&gt;products.json&lt;/i&gt; o una exportación CSV de Etsy.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;podtrends:import&quot;&gt;Importar archivos…&lt;/a&gt; &amp;nbsp; &lt;a href=&quot;podtrends:sample&quot;&gt;Probar el espacio de ejemplo&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Export products</source>
        <translation>Exportar productos</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportando a %1…</translation>
    </message>
    <message>
        <source>The export was cancelled</source>
        <translation>Se canceló la exportación</translation>
    </message>
    <message>
        <source>Exported %1 products to %2</source>
        <translation>Se exportaron %1 productos a %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::PublishDialog</name>
    <message>
        <source>Publish design</source>
        <translation>Publicar diseño</translation>
    </message>
    <message>
        <source>Loading the design and Printful&apos;s catalog…</source>
        <translation>Cargando el diseño y el catálogo de Printful…</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Oferta</translation>
    </message>
    <message>
        <source>Printful product (fulfilment)</source>
        <translation>Producto de Printful (producción)</translation>
    </message>
    <message>
        <source>Shopify draft product</source>
        <translation>Producto borrador de Shopify</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>Producto:</translation>
    </message>
    <message>
        <source>Publish to:</source>
        <translation>Publicar en:</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Colores:</translation>
    </message>
    <message>
        <source>Sizes:</source>
        <translation>Tallas:</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Precios</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Talla</translation>
    </message>
    <message>
        <source>Printful cost</source>
        <translation>Costo Printful</translation>
    </message>
    <message>
        <source>Retail price</source>
        <translation>Precio de venta</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Margen</translation>
    </message>
    <message>
        <source>Margin %</source>
        <translation>Margen %</translation>
    </message>
    <message>
        <source>Cost is Printful&apos;s base price (the highest of the chosen colours). Edit a retail price to override the rule from Settings → Publishing.</source>
        <translation>El costo es el precio base de Printful (el más alto de los colores elegidos). Edita un precio de venta para ignorar la regla de Ajustes → Publicación.</translation>
    </message>
    <message>
        <source>What will be sent</source>
        <translation>Qué se enviará</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publicar</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Cancel publishing</source>
        <translation>Cancelar publicación</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Cancelling after the current request… finished steps stay saved.</source>
        <translation>Cancelando tras la solicitud actual… los pasos terminados quedan guardados.</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>No hay ninguna base de datos abierta.</translation>
    </message>
    <message>
        <source>There is no design %1.</source>
        <translation>No existe el diseño %1.</translation>
    </message>
    <message>
        <source>Publish “%1”</source>
        <translation>Publicar “%1”</translation>
    </message>
    <message>
        <source>This design is already published.</source>
        <translation>Este diseño ya está publicado.</translation>
    </message>
    <message>
        <source>An earlier attempt stopped%1. Resuming continues with the same products, SKUs and prices and creates nothing twice.</source>
        <translation>Un intento anterior se detuvo%1. Al reanudar se siguen usando los mismos productos, SKU y precios, y no se crea nada por duplicado.</translation>
    </message>
    <message>
        <source> at “%1”: %2</source>
        <translation> en “%1”: %2</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Choose what to offer, check the prices and the preview, then publish. Shopify products are created as drafts.</source>
        <translation>Elige qué ofrecer, revisa los precios y la vista previa, y publica. Los productos de Shopify se crean como borradores.</translation>
    </message>
    <message>
        <source>Loading Printful&apos;s catalog…</source>
        <translation>Cargando el catálogo de Printful…</translation>
    </message>
    <message>
        <source>Printful&apos;s catalog is not loaded, so variant ids and costs are unknown.</source>
        <translation>El catálogo de Printful no está cargado, así que se desconocen los ID de variante y los costos.</translation>
    </message>
    <message>
        <source>Publishing… each step is saved as it finishes, so closing or a failure loses nothing.</source>
        <translation>Publicando… cada paso se guarda al terminar, así que no se pierde nada si cierras o algo falla.</translation>
    </message>
    <message>
        <source>Published. The Shopify product is a draft: review it and make it active when you are ready.</source>
        <translation>Publicado. El producto de Shopify es un borrador: revísalo y actívalo cuando quieras.</translation>
    </message>
    <message>
        <source>Publishing stopped: %1</source>
        <translation>Publicación detenida: %1</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;%1&quot;&gt;Open the Printful product&lt;/a&gt; (id %2)</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;Abrir el producto de Printful&lt;/a&gt; (ID %2)</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;%1&quot;&gt;Open the Shopify draft&lt;/a&gt; (%2)</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;Abrir el borrador de Shopify&lt;/a&gt; (%2)</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Colores</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Tallas</translation>
    </message>
    <message>
        <source>%1 The colours and sizes shown are from the catalogue that comes with POD Trends.</source>
        <translation>%1 Los colores y tallas mostrados proceden del catálogo incluido con POD Trends.</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>aún no se sabe</translation>
    </message>
    <message>
        <source>Printful&apos;s catalog has not answered, so the costs and Printful&apos;s variant numbers of the %1 are not known yet. The colours and sizes above come from the catalogue that comes with POD Trends. Once Printful answers (add your Printful token in Settings → Accounts, or check the connection and open this dialog again), the prices and the exact request appear here.</source>
        <translation>El catálogo de Printful no ha respondido, así que aún no se conocen los costes ni los números de variante de Printful de %1. Los colores y tallas de arriba proceden del catálogo incluido con POD Trends. Cuando Printful responda (añade tu token de Printful en Ajustes → Cuentas, o revisa la conexión y vuelve a abrir este diálogo), aquí aparecerán los precios y la petición exacta.</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::PublishStepsWidget</name>
    <message>
        <source>working…</source>
        <translation>en curso…</translation>
    </message>
    <message>
        <source>not needed for the chosen targets</source>
        <translation>no hace falta para los destinos elegidos</translation>
    </message>
    <message>
        <source>done earlier</source>
        <translation>hecho antes</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::PublishingSettingsWidget</name>
    <message>
        <source>Stores</source>
        <translation>Tiendas</translation>
    </message>
    <message>
        <source>my-store.myshopify.com (or POD_SHOPIFY_SHOP)</source>
        <translation>my-store.myshopify.com (o POD_SHOPIFY_SHOP)</translation>
    </message>
    <message>
        <source>only for Dev Dashboard apps (client credentials); the secret goes to Accounts</source>
        <translation>solo para apps del Dev Dashboard (credenciales de cliente); el secreto va en Cuentas</translation>
    </message>
    <message>
        <source>the brand shown as vendor on Shopify</source>
        <translation>la marca que aparece como proveedor en Shopify</translation>
    </message>
    <message>
        <source>needed for account-level Printful tokens (or POD_PRINTFUL_STORE_ID)</source>
        <translation>necesario para tokens de Printful a nivel de cuenta (o POD_PRINTFUL_STORE_ID)</translation>
    </message>
    <message>
        <source>Shopify shop:</source>
        <translation>Tienda Shopify:</translation>
    </message>
    <message>
        <source>Admin API version:</source>
        <translation>Versión de Admin API:</translation>
    </message>
    <message>
        <source>Shopify client id:</source>
        <translation>ID de cliente Shopify:</translation>
    </message>
    <message>
        <source>Vendor:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>Printful store id:</source>
        <translation>ID de tienda Printful:</translation>
    </message>
    <message>
        <source>Products and prices</source>
        <translation>Productos y precios</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Price from</source>
        <translation>Precio según</translation>
    </message>
    <message>
        <source>Markup %</source>
        <translation>Recargo %</translation>
    </message>
    <message>
        <source>Round to .99</source>
        <translation>Redondear a .99</translation>
    </message>
    <message>
        <source>Fixed price</source>
        <translation>Precio fijo</translation>
    </message>
    <message>
        <source>Per-size prices</source>
        <translation>Precios por talla</translation>
    </message>
    <message>
        <source>cost + markup</source>
        <translation>costo + recargo</translation>
    </message>
    <message>
        <source>fixed price</source>
        <translation>precio fijo</translation>
    </message>
    <message>
        <source>Per-size prices override the fixed price, e.g. “2XL=27.99, 3XL=29.99”. The publish dialog shows the margin of every size before anything is sent.</source>
        <translation>Los precios por talla sustituyen al precio fijo, p. ej. “2XL=27.99, 3XL=29.99”. El diálogo de publicación muestra el margen de cada talla antes de enviar nada.</translation>
    </message>
    <message>
        <source>&amp;Save publishing settings</source>
        <translation>&amp;Guardar ajustes de publicación</translation>
    </message>
    <message>
        <source>The fixed price of %1 is not an amount like 24.99.</source>
        <translation>El precio fijo de %1 no es un importe como 24.99.</translation>
    </message>
    <message>
        <source>The per-size prices of %1 should look like “2XL=27.99, 3XL=29.99”.</source>
        <translation>Los precios por talla de %1 deben tener la forma “2XL=27.99, 3XL=29.99”.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>Printful downloads print files by URL. POD Trends uploads each print file to your Shopify Files (the app needs the &lt;code&gt;write_products&lt;/code&gt; and &lt;code&gt;write_files&lt;/code&gt; permissions) and gives Printful that address. Tokens are kept in the keychain: see Settings → Accounts.</source>
        <translation>Printful descarga los archivos de impresión por URL. POD Trends sube cada archivo de impresión a tus Archivos de Shopify (la app necesita los permisos &lt;code&gt;write_products&lt;/code&gt; y &lt;code&gt;write_files&lt;/code&gt;) y le da a Printful esa dirección. Los tokens se guardan en el llavero del sistema: consulta Ajustes → Cuentas.</translation>
    </message>
    <message>
        <source>Prices per product type</source>
        <translation>Precios por tipo de producto</translation>
    </message>
    <message>
        <source>Markup for %1</source>
        <translation>Recargo para %1</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Fabricado sobre</translation>
    </message>
    <message>
        <source>Printful product %1</source>
        <translation>Producto de Printful %1</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::RestApiSettings</name>
    <message>
        <source>Local REST API</source>
        <translation>API REST local</translation>
    </message>
    <message>
        <source>Other tools can read trends, products and designs and start design generation over HTTP at &lt;code&gt;/api/v1/…&lt;/code&gt;, with an API key from the list below.</source>
        <translation>Otras herramientas pueden leer tendencias, productos y diseños, e iniciar la generación de diseños por HTTP en &lt;code&gt;/api/v1/…&lt;/code&gt;, con una clave de API de la lista de abajo.</translation>
    </message>
    <message>
        <source>&amp;Run the REST API while POD Trends is open</source>
        <translation>&amp;Ejecutar la API REST mientras POD Trends esté abierto</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>This computer only (127.0.0.1)</source>
        <translation>Solo este equipo (127.0.0.1)</translation>
    </message>
    <message>
        <source>Every network (0.0.0.0, plain HTTP)</source>
        <translation>Todas las redes (0.0.0.0, HTTP sin cifrar)</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>Escuc&amp;har en:</translation>
    </message>
    <message>
        <source> requests/s per key</source>
        <translation> solicitudes/s por clave</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>Límite de &amp;tasa:</translation>
    </message>
    <message>
        <source>e.g. http://localhost:3000 (empty: no browser access)</source>
        <translation>p. ej. http://localhost:3000 (vacío: sin acceso desde el navegador)</translation>
    </message>
    <message>
        <source>Allowed &amp;origins (CORS):</source>
        <translation>&amp;Orígenes permitidos (CORS):</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>No está en ejecución.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <source>Send a key as &lt;code&gt;Authorization: Bearer &amp;lt;key&amp;gt;&lt;/code&gt;. Keys are stored hashed: a new key is shown only once, right after you create it.</source>
        <translation>Envía la clave como &lt;code&gt;Authorization: Bearer &amp;lt;clave&amp;gt;&lt;/code&gt;. Las claves se guardan con hash: una clave nueva solo se muestra una vez, justo después de crearla.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation>La clave empieza por</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Último uso</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Name of the tool that will use the key</source>
        <translation>Nombre de la herramienta que usará la clave</translation>
    </message>
    <message>
        <source>&amp;Create key</source>
        <translation>&amp;Crear clave</translation>
    </message>
    <message>
        <source>Re&amp;voke selected</source>
        <translation>Re&amp;vocar selección</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>Cop&amp;iar</translation>
    </message>
    <message>
        <source>Serving at http://%1:%2/api/v1/</source>
        <translation>Disponible en http://%1:%2/api/v1/</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>No está en ejecución: %1</translation>
    </message>
    <message>
        <source>Waiting for a database.</source>
        <translation>Esperando una base de datos.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>revocada %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>Give the key a name first, e.g. the tool that will use it.</source>
        <translation>Primero ponle un nombre a la clave, p. ej. la herramienta que la usará.</translation>
    </message>
    <message>
        <source>Copy the key now: it is not stored and will not be shown again.</source>
        <translation>Copia la clave ahora: no se guarda y no se volverá a mostrar.</translation>
    </message>
    <message>
        <source>The key was revoked; tools using it are refused from now on.</source>
        <translation>La clave se revocó; a partir de ahora se rechazan las herramientas que la usen.</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::ScoringSettings</name>
    <message>
        <source>Score weights</source>
        <translation>Pesos de la puntuación</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Demanda</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Crecimiento</translation>
    </message>
    <message>
        <source>Low competition</source>
        <translation>Poca competencia</translation>
    </message>
    <message>
        <source>Profitability</source>
        <translation>Rentabilidad</translation>
    </message>
    <message>
        <source>Seed defaults (0.25 each)</source>
        <translation>Valores originales (0.25 cada uno)</translation>
    </message>
    <message>
        <source>Marketplace fee</source>
        <translation>Comisión del marketplace</translation>
    </message>
    <message>
        <source>Fixed fee per sale</source>
        <translation>Tarifa fija por venta</translation>
    </message>
    <message>
        <source>What the two scores mean</source>
        <translation>Qué significan las dos puntuaciones</translation>
    </message>
    <message>
        <source>Opportunity.</source>
        <translation>Oportunidad.</translation>
    </message>
    <message>
        <source>Ranks each niche against the rest of the market in your database, so the strongest niche you collected scores high even where a marketplace publishes no sales. Demand is what each marketplace shows: on Shopify, how many of the stores you follow carry the niche, their listings of the last 30 days and their sold-out variants; on Etsy, favourites, views and new listings; on Amazon, reviews and the Best Sellers Rank. Growth is how those figures changed between scrapes. Competition sets the listings against that demand: many listings where buyers are many is less crowded than a few where there are none. Profit is what the price leaves after the base cost and fees. A part that nothing measures says &quot;no data&quot; and is left out instead of counting as zero.</source>
        <translation>Compara cada nicho con el resto del mercado de tu base de datos, así que el nicho más fuerte que recopilaste puntúa alto aunque un marketplace no publique ventas. La demanda es lo que muestra cada marketplace: en Shopify, cuántas de las tiendas que sigues tienen el nicho, sus anuncios de los últimos 30 días y sus variantes agotadas; en Etsy, favoritos, vistas y anuncios nuevos; en Amazon, reseñas y el ranking de más vendidos. El crecimiento es cómo cambiaron esas cifras entre recopilaciones. La competencia compara los anuncios con esa demanda: muchos anuncios donde hay muchos compradores está menos saturado que unos pocos donde no hay ninguno. La ganancia es lo que deja el precio tras el costo base y las comisiones. Una parte que nada mide muestra &quot;sin datos&quot; y se omite en lugar de contar como cero.</translation>
    </message>
    <message>
        <source>Seed score.</source>
        <translation>Puntuación original.</translation>
    </message>
    <message>
        <source>The original web tool&apos;s score, kept unchanged so its numbers can be compared: demand from reviews and stars, growth from stars, competition from the number of listings and profit from price and stars, each on a fixed scale. Any niche with about a thousand reviews gets full demand, and a niche without reviews (Shopify storefronts publish none) gets almost none.</source>
        <translation>La puntuación de la herramienta web original, sin cambios para poder comparar sus cifras: demanda según reseñas y estrellas, crecimiento según estrellas, competencia según el número de anuncios y ganancia según precio y estrellas, cada una en una escala fija. Cualquier nicho con unas mil reseñas obtiene la demanda máxima, y un nicho sin reseñas (las tiendas de Shopify no publican ninguna) casi ninguna.</translation>
    </message>
    <message>
        <source>Weights.</source>
        <translation>Pesos.</translation>
    </message>
    <message>
        <source>Both scores add demand, growth, low competition and profit with the weights above.</source>
        <translation>Ambas puntuaciones suman demanda, crecimiento, poca competencia y ganancia con los pesos de arriba.</translation>
    </message>
    <message>
        <source>Base cost per product (empty = not configured)</source>
        <translation>Costo base por producto (vacío = sin configurar)</translation>
    </message>
    <message>
        <source>Product type</source>
        <translation>Tipo de producto</translation>
    </message>
    <message>
        <source>Base cost ($)</source>
        <translation>Costo base ($)</translation>
    </message>
    <message>
        <source>Fill typical costs</source>
        <translation>Rellenar costos típicos</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>No base costs: the opportunity estimates the margin with typical costs; the seed score uses the price and rating.</source>
        <translation>Sin costos base: la oportunidad estima el margen con costos típicos; la puntuación original usa el precio y la valoración.</translation>
    </message>
    <message numerus="yes">
        <source>The opportunity&apos;s profit is the margin (price, less base cost and fees) for %n product type(s); the next analysis uses it.</source>
        <translation>
            <numerusform>La ganancia de la oportunidad es el margen (precio menos costo base y comisiones) para %n tipo de producto; el próximo análisis la usa.</numerusform>
            <numerusform>La ganancia de la oportunidad es el margen (precio menos costo base y comisiones) para %n tipos de producto; el próximo análisis la usa.</numerusform>
        </translation>
    </message>
    <message>
        <source>Base cost per product type</source>
        <translation>Costo base por tipo de producto</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Where data lives, your accounts and how features behave.</source>
        <translation>Dónde se guardan los datos, tus cuentas y cómo se comportan las funciones.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Publicación</translation>
    </message>
    <message>
        <source>REST API</source>
        <translation>API REST</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>&amp;Change database…</source>
        <translation>&amp;Cambiar base de datos…</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>No hay ninguna base de datos abierta.</translation>
    </message>
    <message>
        <source>Working on the PostgreSQL server &lt;b&gt;%1&lt;/b&gt;, shared with your team.</source>
        <translation>Trabajando en el servidor PostgreSQL &lt;b&gt;%1&lt;/b&gt;, compartido con tu equipo.</translation>
    </message>
    <message>
        <source>Working offline on the SQLite file &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Trabajando sin conexión en el archivo SQLite &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Same as the system (%1)</source>
        <translation>Igual que el sistema (%1)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>The window switches at once. Numbers, prices and dates follow the language you choose.</source>
        <translation>La ventana cambia al instante. Los números, precios y fechas siguen el idioma que elijas.</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SourceDialog</name>
    <message>
        <source>Add source</source>
        <translation>Añadir fuente</translation>
    </message>
    <message>
        <source>Shopify store</source>
        <translation>Tienda Shopify</translation>
    </message>
    <message>
        <source>Etsy search</source>
        <translation>Búsqueda en Etsy</translation>
    </message>
    <message>
        <source>Amazon search</source>
        <translation>Búsqueda en Amazon</translation>
    </message>
    <message>
        <source>&amp;Marketplace:</source>
        <translation>&amp;Marketplace:</translation>
    </message>
    <message>
        <source>Optional, e.g. &quot;Competitor: Cat mugs&quot;</source>
        <translation>Opcional, p. ej. &quot;Competidor: tazas de gatos&quot;</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> horas</translation>
    </message>
    <message>
        <source>How often the app collects this source while it is open (it catches up after a restart)</source>
        <translation>Cada cuánto recopila la app esta fuente mientras está abierta (se pone al día tras reiniciar)</translation>
    </message>
    <message>
        <source>Scrape &amp;every:</source>
        <translation>Recopilar &amp;cada:</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminado</translation>
    </message>
    <message>
        <source>Upper bound on result pages per run; Default lets the marketplace&apos;s scraper decide</source>
        <translation>Máximo de páginas de resultados por ejecución; Predeterminado deja que decida el scraper del marketplace</translation>
    </message>
    <message>
        <source>Max &amp;pages:</source>
        <translation>Máx. de &amp;páginas:</translation>
    </message>
    <message>
        <source>Scrape on schedule</source>
        <translation>Recopilar según horario</translation>
    </message>
    <message>
        <source>Test Etsy API key</source>
        <translation>Probar clave de API de Etsy</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Store &amp;URL:</source>
        <translation>&amp;URL de la tienda:</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>Pala&amp;bras clave:</translation>
    </message>
    <message>
        <source>https://store.example.com</source>
        <translation>https://store.example.com</translation>
    </message>
    <message>
        <source>e.g. funny cat mug</source>
        <translation>p. ej. taza de gatos divertida</translation>
    </message>
    <message>
        <source>Edit source</source>
        <translation>Editar fuente</translation>
    </message>
    <message>
        <source>Enter the store&apos;s address, e.g. https://store.example.com.</source>
        <translation>Escribe la dirección de la tienda, p. ej. https://store.example.com.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a store address: use https://store-name.com (plain http only for this computer).</source>
        <translation>&quot;%1&quot; no es una dirección de tienda: usa https://nombre-tienda.com (http simple solo para este equipo).</translation>
    </message>
    <message>
        <source>Enter the search keywords, e.g. funny cat mug.</source>
        <translation>Escribe las palabras clave de búsqueda, p. ej. taza de gatos divertida.</translation>
    </message>
    <message>
        <source>Keywords are limited to %1 characters.</source>
        <translation>Las palabras clave tienen un límite de %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter search keywords here, not an address.</source>
        <translation>Escribe aquí palabras clave de búsqueda, no una dirección.</translation>
    </message>
    <message>
        <source>Scrape at most every 15 minutes.</source>
        <translation>El intervalo mínimo es de 15 minutos.</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SourceMarketplaceModel</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last scraped</source>
        <translation>Última recopilación</translation>
    </message>
    <message>
        <source>Next scrape</source>
        <translation>Próxima recopilación</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SourceTableModel</name>
    <message>
        <source>manual only</source>
        <translation>solo manual</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>cada día</translation>
    </message>
    <message>
        <source>every %1 days</source>
        <translation>cada %1 días</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>cada hora</translation>
    </message>
    <message>
        <source>every %1 hours</source>
        <translation>cada %1 horas</translation>
    </message>
    <message>
        <source>every %1 minutes</source>
        <translation>cada %1 minutos</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>Aún no se ejecutó</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>failed %1</source>
        <translation>falló %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
    <message>
        <source>Store or search</source>
        <translation>Tienda o búsqueda</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Frecuencia</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activada</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Última ejecución</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Próxima ejecución</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Elementos</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::SourcesPage</name>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>Stores and searches to collect, and how often.</source>
        <translation>Tiendas y búsquedas que recopilar, y cada cuánto.</translation>
    </message>
    <message>
        <source>Add source…</source>
        <translation>Añadir fuente…</translation>
    </message>
    <message>
        <source>Add a Shopify store or an Etsy/Amazon search (Ctrl+N)</source>
        <translation>Añade una tienda de Shopify o una búsqueda de Etsy/Amazon (Ctrl+N)</translation>
    </message>
    <message>
        <source>Scrape now</source>
        <translation>Recopilar ahora</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove the selected source (Del); its products stay</source>
        <translation>Quita la fuente seleccionada (Del); sus productos se conservan</translation>
    </message>
    <message>
        <source>Filter sources (Ctrl+F)</source>
        <translation>Filtrar fuentes (Ctrl+F)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No sources yet&lt;/h3&gt;&lt;p&gt;Add a Shopify store or a search on Etsy or Amazon, and the app collects its products every few hours.&lt;br&gt;You can also drop saved pages or &lt;i&gt;products.json&lt;/i&gt; files on this window.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Aún no hay fuentes&lt;/h3&gt;&lt;p&gt;Añade una tienda de Shopify o una búsqueda en Etsy o Amazon, y la app recopilará sus productos cada pocas horas.&lt;br&gt;También puedes arrastrar a esta ventana páginas guardadas o archivos &lt;i&gt;products.json&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Add a Shopify store or a search…</source>
        <translation>Añadir una tienda de Shopify o una búsqueda…</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;podtrends:import&quot;&gt;Import files…&lt;/a&gt; &amp;nbsp; &lt;a href=&quot;podtrends:sample&quot;&gt;Try the sample workspace&lt;/a&gt; (made-up shops, removable in one click)</source>
        <translation>&lt;a href=&quot;podtrends:import&quot;&gt;Importar archivos…&lt;/a&gt; &amp;nbsp; &lt;a href=&quot;podtrends:sample&quot;&gt;Probar el espacio de ejemplo&lt;/a&gt; (tiendas inventadas, se quitan con un clic)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Marketplaces&lt;/b&gt;</source>
        <translation>&lt;b&gt;Marketplaces&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Jobs&lt;/b&gt; — running and recent, on every machine sharing this database</source>
        <translation>&lt;b&gt;Tareas&lt;/b&gt; — en curso y recientes, en todos los equipos que comparten esta base de datos</translation>
    </message>
    <message>
        <source>Filter sources</source>
        <translation>Filtrar fuentes</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>Quitar fuente</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Add source</source>
        <translation>Añadir fuente</translation>
    </message>
    <message>
        <source>Loading sources failed: %1</source>
        <translation>No se pudieron cargar las fuentes: %1</translation>
    </message>
    <message>
        <source>1 source</source>
        <translation>1 fuente</translation>
    </message>
    <message>
        <source>%1 sources</source>
        <translation>%1 fuentes</translation>
    </message>
    <message>
        <source>%1, %2 need attention (hover the status for the reason)</source>
        <translation>%1; %2 con problemas (pasa el cursor por el estado para ver el motivo)</translation>
    </message>
    <message>
        <source>%1: stores and searches to collect, and how often.</source>
        <translation>%1: tiendas y búsquedas que recopilar, y cada cuánto.</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>No hay ninguna base de datos abierta.</translation>
    </message>
    <message>
        <source>This store or search is already a source.</source>
        <translation>Esta tienda o búsqueda ya es una fuente.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
    <message>
        <source>Updated source %1</source>
        <translation>Fuente %1 actualizada</translation>
    </message>
    <message>
        <source>Added source %1</source>
        <translation>Fuente %1 añadida</translation>
    </message>
    <message>
        <source>Remove &quot;%1&quot;? The products it collected stay in the database.</source>
        <translation>¿Quitar &quot;%1&quot;? Los productos que recopiló se quedan en la base de datos.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>%1 — %2 products so far</source>
        <translation>%1 — %2 productos hasta ahora</translation>
    </message>
    <message>
        <source>%1 products</source>
        <translation>%1 productos</translation>
    </message>
    <message>
        <source>Imported %1 products from %2 files</source>
        <translation>Se importaron %1 productos de %2 archivos</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Error al importar: %1</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importando %1…</translation>
    </message>
    <message>
        <source>Importing %1 files and folders…</source>
        <translation>Importando %1 archivos y carpetas…</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>Primero abre una base de datos.</translation>
    </message>
    <message>
        <source>Marketplaces</source>
        <translation>Marketplaces</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::TrendDetailView</name>
    <message>
        <source>&amp;Generate designs</source>
        <translation>&amp;Generar diseños</translation>
    </message>
    <message>
        <source>Create original designs for this niche on the Designs page</source>
        <translation>Crea diseños originales para este nicho en la página Diseños</translation>
    </message>
    <message>
        <source>How is this computed?</source>
        <translation>¿Cómo se calcula?</translation>
    </message>
    <message>
        <source>Top products</source>
        <translation>Productos destacados</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reseñas</translation>
    </message>
    <message>
        <source>Select a trend</source>
        <translation>Selecciona una tendencia</translation>
    </message>
    <message>
        <source>Pick a row in the table or a point on the opportunity map to see why it ranks where it does.</source>
        <translation>Elige una fila de la tabla o un punto del mapa de oportunidades para ver por qué ocupa ese puesto.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>all categories</source>
        <translation>todas las categorías</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Claves</translation>
    </message>
    <message>
        <source>demand</source>
        <translation>demanda</translation>
    </message>
    <message>
        <source>growth</source>
        <translation>crecimiento</translation>
    </message>
    <message>
        <source>room left by competitors</source>
        <translation>espacio libre de competencia</translation>
    </message>
    <message>
        <source>profit</source>
        <translation>ganancia</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 (counts %2 %)</source>
        <translation>%1 (pesa %2 %)</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 y %2</translation>
    </message>
    <message>
        <source>Rests on %1 alone.</source>
        <translation>Se basa solo en %1.</translation>
    </message>
    <message>
        <source>Weighs %1 equally.</source>
        <translation>Pondera por igual %1.</translation>
    </message>
    <message>
        <source>Weighs %1.</source>
        <translation>Pondera %1.</translation>
    </message>
    <message>
        <source>No data for %1, so it is left out.</source>
        <translation>Sin datos de %1, así que se omite.</translation>
    </message>
    <message>
        <source>No data for %1, so they are left out.</source>
        <translation>Sin datos de %1, así que se omiten.</translation>
    </message>
    <message>
        <source>Careful: &quot;%1&quot; carries the protected name %2. Designs that use it risk a takedown; this niche is left out of the top opportunities.</source>
        <translation>Cuidado: &quot;%1&quot; contiene el nombre protegido %2. Los diseños que lo usen pueden ser retirados; este nicho queda fuera de las mejores oportunidades.</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <source> (estimated)</source>
        <translation> (estimación)</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Oportunidad</translation>
    </message>
    <message>
        <source>Nothing here measures demand yet.</source>
        <translation>Aún no hay nada que mida la demanda.</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Demanda</translation>
    </message>
    <message>
        <source>No stores, favourites or reviews tell how much it sells.</source>
        <translation>Ninguna tienda, favorito o reseña indica cuánto se vende.</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Crecimiento</translation>
    </message>
    <message>
        <source>Needs two scrapes at least a day apart.</source>
        <translation>Necesita dos recopilaciones con al menos un día de diferencia.</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Measured against demand, so it needs demand first.</source>
        <translation>Se mide frente a la demanda, así que primero necesita demanda.</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Ganancia</translation>
    </message>
    <message>
        <source>No product type with a base cost.</source>
        <translation>Ningún tipo de producto tiene costo base.</translation>
    </message>
    <message>
        <source>Seed score</source>
        <translation>Puntuación original</translation>
    </message>
    <message>
        <source>the original web tool&apos;s formula, for comparison</source>
        <translation>la fórmula de la herramienta web original, para comparar</translation>
    </message>
    <message>
        <source>Opportunity, calibrated on the market in your database:</source>
        <translation>Oportunidad, calibrada con el mercado de tu base de datos:</translation>
    </message>
    <message>
        <source>The seed&apos;s scores (the original formulas, unchanged):</source>
        <translation>Puntuaciones originales (las fórmulas de siempre, sin cambios):</translation>
    </message>
    <message>
        <source>Audience evidence</source>
        <translation>Indicios de público</translation>
    </message>
    <message>
        <source>products mentioning it</source>
        <translation>productos que lo mencionan</translation>
    </message>
    <message>
        <source>Bought for</source>
        <translation>Comprado para</translation>
    </message>
    <message>
        <source>Occasions</source>
        <translation>Ocasiones</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>Aficiones</translation>
    </message>
    <message>
        <source>Gender cues</source>
        <translation>Indicios de género</translation>
    </message>
    <message>
        <source>Age cues</source>
        <translation>Indicios de edad</translation>
    </message>
    <message>
        <source>&lt;b&gt;Products:&lt;/b&gt; %1&lt;br&gt;</source>
        <translation>&lt;b&gt;Productos:&lt;/b&gt; %1&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prices:&lt;/b&gt; %1&lt;br&gt;</source>
        <translation>&lt;b&gt;Precios:&lt;/b&gt; %1&lt;br&gt;</translation>
    </message>
    <message>
        <source>Styles</source>
        <translation>Estilos</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Colores</translation>
    </message>
    <message>
        <source>&lt;b&gt;Season:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Temporada:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>evergreen</source>
        <translation>todo el año</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::TrendTableModel</name>
    <message>
        <source>Other products</source>
        <translation>Otros productos</translation>
    </message>
    <message>
        <source>Evergreen</source>
        <translation>Todo el año</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <source>The seed&apos;s overall score: %1</source>
        <translation>Puntuación general original: %1</translation>
    </message>
    <message>
        <source>The niche&apos;s score across all its product types. %1</source>
        <translation>Puntuación del nicho con todos sus tipos de producto. %1</translation>
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
        <translation>Subnicho de &quot;%1&quot;; sus anuncios también cuentan en &quot;%1&quot;. %2</translation>
    </message>
    <message>
        <source>Careful: carries the protected name %1. %2</source>
        <translation>Cuidado: contiene el nombre protegido %1. %2</translation>
    </message>
    <message>
        <source>%1 of the niche&apos;s %2 listings are %3</source>
        <translation>%1 de los %2 anuncios del nicho: %3</translation>
    </message>
    <message>
        <source>Niche</source>
        <translation>Nicho</translation>
    </message>
    <message>
        <source>Product type</source>
        <translation>Tipo de producto</translation>
    </message>
    <message>
        <source>Product types</source>
        <translation>Tipos de producto</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Oportunidad</translation>
    </message>
    <message>
        <source>Seed score</source>
        <translation>Puntuación original</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Demanda</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Crecimiento</translation>
    </message>
    <message>
        <source>Competition</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Ganancia</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Avg price</source>
        <translation>Precio medio</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Temporada</translation>
    </message>
    <message>
        <source>Marketplaces</source>
        <translation>Marketplaces</translation>
    </message>
</context>
<context>
    <name>podtrends::ui::TrendsPage</name>
    <message>
        <source>Trends</source>
        <translation>Tendencias</translation>
    </message>
    <message>
        <source>Niches ranked by opportunity: demand, growth, competition and profitability.</source>
        <translation>Nichos ordenados por oportunidad: demanda, crecimiento, competencia y rentabilidad.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Analyze now</source>
        <translation>&amp;Analizar ahora</translation>
    </message>
    <message>
        <source>Group the collected products into niches and score them</source>
        <translation>Agrupa los productos recopilados en nichos y los puntúa</translation>
    </message>
    <message>
        <source> min opportunity</source>
        <translation> oportunidad mín.</translation>
    </message>
    <message>
        <source>Any season</source>
        <translation>Cualquier temporada</translation>
    </message>
    <message>
        <source>Evergreen</source>
        <translation>Todo el año</translation>
    </message>
    <message>
        <source>Seasonal</source>
        <translation>De temporada</translation>
    </message>
    <message>
        <source>Minimum opportunity</source>
        <translation>Oportunidad mínima</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Temporada</translation>
    </message>
    <message>
        <source>Niches</source>
        <translation>Nichos</translation>
    </message>
    <message>
        <source>Niches by product type</source>
        <translation>Nichos por tipo de producto</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Show one row per niche, with its refinements under it, or one row per niche and product type</source>
        <translation>Muestra una fila por nicho, con sus subnichos debajo, o una fila por nicho y tipo de producto</translation>
    </message>
    <message>
        <source>No trends yet</source>
        <translation>Aún no hay tendencias</translation>
    </message>
    <message>
        <source>Trends come from analyzing collected listings. Import saved marketplace pages or exports, or try the sample workspace, then press Analyze now.</source>
        <translation>Las tendencias salen del análisis de los anuncios recopilados. Importa páginas guardadas de marketplaces o exportaciones, o prueba el espacio de ejemplo, y luego haz clic en Analizar ahora.</translation>
    </message>
    <message>
        <source>Analyze now</source>
        <translation>Analizar ahora</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Importar archivos…</translation>
    </message>
    <message>
        <source>Try the sample workspace</source>
        <translation>Probar el espacio de ejemplo</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Análisis</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Todas las categorías</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(sin categoría)</translation>
    </message>
    <message>
        <source>All marketplaces</source>
        <translation>Todos los marketplaces</translation>
    </message>
    <message>
        <source>%1 of 1 niche</source>
        <translation>%1 de 1 nicho</translation>
    </message>
    <message>
        <source>%1 of %2 niches</source>
        <translation>%1 de %2 nichos</translation>
    </message>
    <message>
        <source>%1 from Z to A</source>
        <translation>%1 de la Z a la A</translation>
    </message>
    <message>
        <source>%1 from A to Z</source>
        <translation>%1 de la A a la Z</translation>
    </message>
    <message>
        <source>most listings first</source>
        <translation>más anuncios primero</translation>
    </message>
    <message>
        <source>fewest listings first</source>
        <translation>menos anuncios primero</translation>
    </message>
    <message>
        <source>latest peak month first</source>
        <translation>mes de pico más tardío primero</translation>
    </message>
    <message>
        <source>evergreen first, then by peak month</source>
        <translation>todo el año primero, luego por mes de pico</translation>
    </message>
    <message>
        <source>most marketplaces first</source>
        <translation>más marketplaces primero</translation>
    </message>
    <message>
        <source>fewest marketplaces first</source>
        <translation>menos marketplaces primero</translation>
    </message>
    <message>
        <source>highest %1 first</source>
        <translation>de mayor a menor %1</translation>
    </message>
    <message>
        <source>lowest %1 first</source>
        <translation>de menor a mayor %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
</TS>
