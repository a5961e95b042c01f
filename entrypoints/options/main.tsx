import { createRoot } from 'react-dom/client';
import { SectionHeading } from '@/components/options/SectionHeading';
import { SettingsForm } from '@/components/options/SettingsForm';
import { SignInPanel } from '@/components/signin/SignInPanel';
import { SuppressionTools } from '@/components/suppress/SuppressionTools';
import { OptionsPlanning } from '@/components/planner/OptionsPlanning';
import { FireDrill } from '@/components/options/FireDrill';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <main>
    <h1>Rampart</h1>
    <SectionHeading title="signin.title" />
    <SignInPanel />
    <SectionHeading title="settings.title" />
    <SettingsForm />
    <SectionHeading title="suppress.title" />
    <SuppressionTools />
    <OptionsPlanning />
    <FireDrill />
  </main>,
);
