import { useI18n } from '@/lib/i18n/use-i18n';
import { LanguageChoice } from './LanguageChoice';
import { ProductionAccess } from './ProductionAccess';
import { RampPlanner } from './RampPlanner';

/** The options page's planning half: language, the ramp plan, and the production-access helper. */
export function OptionsPlanning() {
  const { t } = useI18n();
  return (
    <>
      <LanguageChoice t={t} />
      <RampPlanner t={t} />
      <ProductionAccess t={t} />
    </>
  );
}
