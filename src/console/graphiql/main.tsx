import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQLPage } from './page';

createRoot(document.getElementById('root')!).render(<StrictMode><GraphiQLPage /></StrictMode>);
