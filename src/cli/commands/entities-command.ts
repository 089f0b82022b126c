import { InvalidArgumentError, type Command } from 'commander';
import { ENTITY_LIST_FORMATS, type EntityListFormat } from '../../enrich/entity-list-builder.js';
import { summariseEntityLists } from '../../enrich/summarise-entity-lists.js';
import { deleteUserEntities, listUserEntities } from '../../store/entity-repository.js';
import { importEntityList } from '../../workflow/import-entities.js';
import { withDatabase } from '../cli-context.js';
import { safeTerminalText } from '../terminal-text.js';

function parseEntityListFormat(text: string): EntityListFormat {
  const format = ENTITY_LIST_FORMATS.find((f) => f === text.toLowerCase());
  if (!format) throw new InvalidArgumentError(`unknown entity list format ${JSON.stringify(text)}; expected one of ${ENTITY_LIST_FORMATS.join(', ')}`);
  return format;
}

/** `claimcheck entities import|list|clear`: user-supplied domain → organisation lists kept in the database. */
export function registerEntitiesCommand(program: Command): void {
  const entities = program.command('entities').description('user-supplied domain → organisation lists, used by every later audit in this database');
  entities
    .command('import')
    .description('store the organisations of a Disconnect, DuckDuckGo or webXray list; they fill gaps in the built-in catalog')
    .argument('<file>', 'list file (JSON)')
    .requiredOption('--format <format>', `list format (${ENTITY_LIST_FORMATS.join(', ')})`, parseEntityListFormat)
    .action(async (file: string, options: { format: EntityListFormat }, command: Command) => {
      const outcome = await withDatabase(command, (db) => importEntityList(db, file, options.format));
      const skipped = [
        outcome.skippedDomains > 0 ? `${outcome.skippedDomains} entries that are not host names skipped` : '',
        outcome.skippedRows > 0 ? `${outcome.skippedRows} unnamed rows skipped` : '',
      ].filter((s) => s !== '');
      process.stdout.write(
        `${safeTerminalText(file)}: ${outcome.entities} organisations from a ${outcome.format} list (sha256 ${outcome.sha256.slice(0, 12)}): ` +
          `${outcome.added} added, ${outcome.extended} extended, ${outcome.unchanged} unchanged${skipped.length > 0 ? `; ${skipped.join(', ')}` : ''}\n`,
      );
    });
  entities
    .command('list')
    .description('show each imported list: organisations, format, file, sha256 and import date')
    .action(async (_options: unknown, command: Command) => {
      const lists = await withDatabase(command, (db) => summariseEntityLists(listUserEntities(db)), 'must-exist');
      const lines =
        lists.length === 0
          ? ['no user-supplied entities stored; audits use the built-in catalog only']
          : lists.map((l) => [l.entities, l.format, l.file, `sha256 ${l.sha256}`, l.importedAt === null ? 'import date not recorded' : `imported ${l.importedAt}`].join('\t'));
      process.stdout.write(safeTerminalText(lines.join('\n')) + '\n');
    });
  entities
    .command('clear')
    .description('remove every user-supplied entity from this database')
    .action(async (_options: unknown, command: Command) => {
      const removed = await withDatabase(command, (db) => deleteUserEntities(db), 'must-exist');
      process.stdout.write(`removed ${removed} user-supplied entities\n`);
    });
}
