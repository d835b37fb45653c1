/**
 * Entry point: translations first, then the app into #root. No zod reaches the browser (the architecture
 * test checks that), so nothing probes for `new Function`, which the CSP refuses (X5).
 */
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
