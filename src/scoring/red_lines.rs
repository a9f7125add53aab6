//! Red lines: those an answer crosses, and those that answers still to come could cross.
//! Crossing one takes a real answer: a blank or a "not known" answer never crosses a red line,
//! but it leaves one open, and the outcome cannot be certain while it is.

use crate::assessment::{Assessment, Evaluation, Value};
use crate::framework::{Framework, Tri};

use super::report::{Openness, PossibleRedLine, RedLineHit};

pub(super) fn red_lines(
    fw: &Framework,
    a: &Assessment,
    ev: &Evaluation,
) -> (Vec<RedLineHit>, Vec<PossibleRedLine>) {
    let open = ev.open(fw, a);
    let (mut crossed, mut possible) = (Vec::new(), Vec::new());
    for (i, q) in fw.questions.iter().enumerate() {
        let answer = a.answers.get(&q.id).map(|a| &a.value);
        for option in &q.options {
            let Some(red) = &option.red_line else {
                continue;
            };
            let applies =
                ev.possible[i].min(red.when.as_ref().map_or(Tri::Yes, |c| c.could_hold(&open)));
            let openness = match answer {
                None => Openness::Unanswered,
                Some(Value::NotKnown) => Openness::NotKnown,
                Some(v) if !v.chosen().contains(&option.id) => continue,
                Some(_) if applies == Tri::Yes => {
                    crossed.push(RedLineHit {
                        question: q.id.clone(),
                        option: option.id.clone(),
                        title: red.title.clone(),
                    });
                    continue;
                }
                Some(_) => Openness::Depends,
            };
            if applies.possible() {
                possible.push(PossibleRedLine {
                    question: q.id.clone(),
                    option: option.id.clone(),
                    title: red.title.clone(),
                    open: openness,
                });
            }
        }
    }
    (crossed, possible)
}
