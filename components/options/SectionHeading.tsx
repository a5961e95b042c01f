import type { MessageKey } from '@/lib/i18n/en';
import { useI18n } from '@/lib/i18n/use-i18n';

/** An options section's heading, in the chosen language. */
export function SectionHeading({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return <h2>{t(title)}</h2>;
}
