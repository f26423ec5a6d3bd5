import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { slaCountdown, type ITicketSlaDeadline } from '@app/shared';
import './index.scss';

/** The ticket's open SLA deadlines as live countdowns (met ones are left out); refreshed every 30 seconds. */
export default function SlaCountdown({ deadlines }: { deadlines?: ITicketSlaDeadline[] }) {
  const [at, setAt] = useState(() => new Date());
  const open = (deadlines ?? []).filter((d) => !d.metAt);
  const ticking = open.length > 0;
  // No timer without an open deadline: an idle interval kept the weapp runtime test's process alive for ever.
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => setAt(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [ticking]);
  if (!ticking) return null;
  return (
    <View className="sla-countdown">
      {open.map((d) => {
        const c = slaCountdown(d, at);
        return (
          <Text key={d.kind} className={`sla-countdown__item sla-countdown__item--${c.tone}`}>
            {c.text}
          </Text>
        );
      })}
    </View>
  );
}
