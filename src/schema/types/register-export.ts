import { ProcessingRecord } from '../../domain/ProcessingRecord.js';
import { ProcessingRecordVersion } from '../../domain/ProcessingRecordVersion.js';
import { registerDocument, registerMarkdown } from '../../domain/register-document.js';
import type { Builder } from '../builder.js';

interface RegisterExport {
  format: 'JSON' | 'MARKDOWN';
  mediaType: string;
  generatedAt: Date;
  recordCount: number;
  content: string;
}

/**
 * R19: the register as one document for the supervisory authority. The register is not personal
 * data, so like `processingRecords` any authenticated staff member may read it; client systems
 * cannot, as they run only their reviewed persisted operations.
 */
export function addRegisterExportTypes(builder: Builder): void {
  const Format = builder.enumType('RegisterExportFormat', { values: ['JSON', 'MARKDOWN'] as const });
  const ExportRef = builder.objectRef<RegisterExport>('RegisterExport').implement({
    description: 'R19: the whole record of processing activities with every version, as a document.',
    fields: (t) => ({
      format: t.field({ type: Format, nullable: false, resolve: (e) => e.format }),
      mediaType: t.exposeString('mediaType', { nullable: false }),
      generatedAt: t.expose('generatedAt', { type: 'DateTime', nullable: false }),
      recordCount: t.exposeInt('recordCount', { nullable: false }),
      content: t.exposeString('content', { nullable: false, description: 'The document: JSON text or Markdown.' }),
    }),
  });

  builder.queryField('registerExport', (t) =>
    t.field({
      type: ExportRef,
      nullable: false,
      args: { format: t.arg({ type: Format, required: true }) },
      description: 'R19: every processing record, active or not, with purpose, legal basis, categories, recipients, retention and history.',
      resolve: async (_r, { format }, ctx) => {
        const records = await ctx.em.find(ProcessingRecord, {}, { orderBy: { code: 'asc' } });
        const versions = await ctx.em.find(ProcessingRecordVersion, {}, { orderBy: { code: 'asc', version: 'asc' } });
        const doc = registerDocument(records, versions, ctx.now, ctx.principal.id);
        return {
          format, generatedAt: ctx.now, recordCount: records.length,
          mediaType: format === 'JSON' ? 'application/json' : 'text/markdown',
          content: format === 'JSON' ? JSON.stringify(doc, null, 2) : registerMarkdown(doc),
        };
      },
    }));
}
