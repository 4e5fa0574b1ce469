import { useRef, useState } from 'react';
import { GraphiQL } from 'graphiql';
import { fetcher } from './fetcher';
import { headersJson, type RequestHeaders } from './headers';
import { HeaderPicker } from './picker';

const EXAMPLE = `# The headers (below) come from the picker above:
# a demo principal's token, x-purpose and x-justification.
# A denied field is null, with a FORBIDDEN error
# naming the reason and the data category.
query Person {
  person(id: "person-a1") {
    surname
    givenNames
    placement { institution admittedAt }
    medicalNotes
  }
}
`;

/** GraphiQL keeps its tabs in memory only: a token never lands in the browser's storage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => { items.set(k, v); },
    removeItem: (k) => { items.delete(k); },
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() { return items.size; },
  };
}

export function GraphiQLPage() {
  const [headers, setHeaders] = useState<RequestHeaders | null>(null);
  // Each choice in the picker starts GraphiQL anew with its headers; the query typed so far stays.
  const [generation, setGeneration] = useState(0);
  const query = useRef(EXAMPLE);
  const storage = useRef(memoryStorage());

  const choose = (h: RequestHeaders) => {
    storage.current = memoryStorage();
    setHeaders(h);
    setGeneration((g) => g + 1);
  };

  return (
    <div className="layout">
      <HeaderPicker onChange={choose} />
      <main className="ide" aria-label="GraphiQL">
        {headers ? (
          <GraphiQL
            key={generation}
            fetcher={fetcher}
            storage={storage.current}
            initialQuery={query.current}
            initialHeaders={headersJson(headers)}
            defaultHeaders={headersJson(headers)}
            defaultEditorToolsVisibility="headers"
            shouldPersistHeaders={false}
            onEditQuery={(q) => { query.current = q; }}
          >
            <GraphiQL.Logo><span className="ide-logo">need-to-know API</span></GraphiQL.Logo>
          </GraphiQL>
        ) : (
          <p className="waiting">Getting a development token…</p>
        )}
      </main>
    </div>
  );
}
