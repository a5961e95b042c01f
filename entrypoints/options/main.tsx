import { createRoot } from 'react-dom/client';
import { SettingsForm } from '@/components/options/SettingsForm';
import { SignInPanel } from '@/components/signin/SignInPanel';
import { SuppressionTools } from '@/components/suppress/SuppressionTools';
import { OptionsPlanning } from '@/components/planner/OptionsPlanning';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <main>
    <h1>Rampart</h1>
    <h2>Sign-in</h2>
    <SignInPanel />
    <h2>AWS set-up and identity</h2>
    <SettingsForm />
    <h2>Suppression list</h2>
    <SuppressionTools />
    <OptionsPlanning />
  </main>,
);
