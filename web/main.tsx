/** Entry point: zod's settings and translations first, then the app into #root. */
import './zod-config.ts';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { speak } from './i18n/index.ts';
import { visitorLanguage } from './i18n/language.ts';

// The visitor's language before the first paint; a catalogue that fails to load leaves English.
await speak(visitorLanguage()).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
