/** Help texts, kept apart from the commands so that `--help` loads no command. */

export const CHECK_HELP = `Usage: vigil check <input...> [--iocs <file|dir>]... [options]

Checks artifacts against indicators, offline, and writes MVT 3-compatible alerts.

Inputs: an MVT results folder (2.x or 3), a single MVT JSON/CSV file, a plain list
(one URL, domain, IP, hash, e-mail, path or process name a line), JSON lines (.jsonl),
or - for a list on standard input.

Options:
  -i, --iocs <path>      Indicator file or directory; repeatable. Default: the cache
                         filled by "vigil iocs update".
      --cache <dir>      Indicator cache directory (default ~/.cache/vigil)
      --profile <name>   default | mvt (reproduce MVT's matching rules)   [default]
      --type <type>      Force the type of plain-list values (url, domain, hash, ...)
  -o, --output <dir>     Write alerts.json, alerts.csv, alerts_timeline.csv, check.json
      --json             Print the result (alerts included) as JSON
      --quiet            Print only the verdict line

Recording the result as a finding in a Vigil dataset (then "vigil report" it):
      --dataset <file>   The case (a Vigil dataset JSON) to add the finding to
      --dataset-out <f>  Where to write the updated case (default <output>/dataset.json)
      --device <id>      The device record the results come from
      --person <id>      The device's user: adds a targeting assessment from the finding
      --lab <id>         The organisation that ran the check
      --evidence <id>    The evidence item (acquisition) checked; repeatable
      --finding-id <id>  Id of the new finding        [finding--<device>-vigil-check]

Exit: 0 nothing matched, 2 detections, 1 error (or nothing could be read, or the
updated dataset is not valid).`;

export const EXPORT_RULES_HELP = `Usage: vigil export-rules --iocs <file|dir>... --format <suricata|zeek|hosts|rpz> [options]

Turns indicators into rules for network engines.

Options:
  -i, --iocs <path>      Indicator file or directory; repeatable (required)
  -f, --format <name>    suricata | zeek | hosts | rpz                      [suricata]
  -o, --out <file>       Write the rules there (default: standard output)
      --sid-start <n>    Suricata: first signature id                      [9000000]
      --source <name>    Name used in Suricata messages and Zeek meta.source [vigil]
      --sinkhole <ip>    hosts: address to point names to                  [0.0.0.0]
      --json             Print a JSON summary (and the text) instead

Exit: 0 written, 1 error.`;

export const VALIDATE_HELP = `Usage: vigil validate <dataset.json> [--quiet] [--json]

Parses a Vigil dataset and checks @vigil/core's integrity rules (references resolve, ladder levels
are supported by evidence, reviews are independent, dates are valid, names only with consent).
Every issue is listed with its path and code; a valid dataset's summary is printed.

Exit: 0 valid (warnings allowed), 2 integrity or schema errors, 1 the file cannot be read.`;

export const DEMO_HELP = `Usage: vigil demo [--out <dir>] [--root <repo>]

The README's main job on the example data in the repository: checks the made-up device in
examples/device-artifacts, adds the finding to the coalition-letter dataset, validates it, and renders
reports into <out> (default ./out).

Exit: 0 done, 1 error (including a combined dataset that is not valid).`;

export const IOCS_HELP = `Usage: vigil iocs <update|list|verify> [options]

  update   Download the indicator sets of an index (MVT's by default) and/or URLs into the cache,
           with conditional requests; a failed download keeps the previous copy.
  list     Show what is cached: name, format, bytes, sha256, when fetched. No network.
  verify   Re-hash every cached file against the manifest and load it with @vigil/matcher.
           No network.

Options:
      --cache <dir>     Cache directory (default $VIGIL_CACHE, else ~/.cache/vigil)
      --index <url|file> update: an MVT-style indicators.yaml (default MVT's index)
      --url <url>       update: another set to download; repeatable
      --no-index        update: only the --url sets
      --offline         update: use only what is cached
      --json            Machine-readable output

Exit: 0 ok, 2 verify found missing or altered files, 1 error.`;

export const SERVE_HELP = `Usage: vigil serve [--db <path>] [--port <n>] [--host <addr>] [--keys <file>]

Runs the Vigil registry: TAXII 2.1 and the case API, on an SQLite database file.

Options:
      --db <path>       SQLite database file (created when missing)   [./vigil-registry.sqlite]
      --port <n>        Port; 0 picks a free one                      [8787]
      --host <addr>     Address to listen on                          [127.0.0.1]
      --keys <file>     JSON array of API keys: [{"key","organization","role":"read|write|admin"}]
      --org <id>        Organisation of the admin key taken from $VIGIL_ADMIN_KEY [organization--local]

Without --keys, the admin key is $VIGIL_ADMIN_KEY, or a random key printed once at start.
Stops on Ctrl-C (SIGINT) or SIGTERM. Exit: 0 stopped cleanly, 1 error.`;

export const REPORT_HELP = `Usage: vigil report <dataset.json> --audience <a> --format <f> --lang <l> [--out <dir>] [options]

Renders a dataset with @vigil/report. A dataset that fails the integrity rules is refused with its issues.

Options:
  -a, --audience <a>     public | partners | internal | victim | un-submission    [public]
  -f, --format <f>       html | markdown | pdf | csv | json | stix | misp; repeatable [html]
  -l, --lang <l>         en | fr | es | ar; repeatable                             [en]
      --person <id>      victim: the person whose copy this is
      --date <YYYY-MM-DD> the report's date (default: the latest date in the case)
      --secret-file <f>  file holding the per-case secret (16+ characters);
                         default $VIGIL_CASE_SECRET
  -o, --out <dir>        directory to write to                                     [./out]

Exit: 0 written, 2 the dataset is not valid, 1 error.`;
