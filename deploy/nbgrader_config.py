# nbgrader's configuration for every server of the class hub on Kubernetes (deploy/values.yaml mounts
# it as /etc/jupyter/nbgrader_config.py): learners' servers and the formgrader service read the same file.
# The exchange is the per-learner plugin of workshop_utils.learnerexchange: a learner's pod mounts
# outbound/<course> read-only and only its own inbound/<course>/<learner> and feedback/<course>/<learner>.
from workshop_utils import learnerexchange

c = get_config()  # noqa: F821
c.Exchange.root = "/srv/nbgrader/exchange"
c.CourseDirectory.course_id = "project-to-product"
learnerexchange.configure(c)
