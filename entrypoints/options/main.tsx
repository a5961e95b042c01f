import { createRoot } from 'react-dom/client';
import { SettingsForm } from '@/components/options/SettingsForm';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <main>
    <h1>Rampart</h1>
    <h2>AWS set-up and identity</h2>
    <SettingsForm />
  </main>,
);
